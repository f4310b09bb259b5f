import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type onRequestHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import { noteRefusal } from './observe';
import type { Logger } from '../lib/log';

/**
 * The gateway's HTTP edge on Fastify: what every request meets before GraphQL does. It owns
 * the refusals that are about HTTP, not about a document — body size (413), media types (415,
 * 406), methods (405), unknown paths (404), load (503) and rate (429) — and answers each, and
 * every other refusal of the gateway, in one shape: `{ errors: [{ message, extensions: { code } }] }`
 * in the media type the client asked for. A message never carries what the client sent.
 */

/** The two response media types of GraphQL over HTTP. */
export type MediaType = 'application/json' | 'application/graphql-response+json';

/** What the edge refuses and how hard; all from config (lib/config.ts), validated at start. */
export interface EdgeLimits {
  /** Largest request body in bytes; more is 413 PAYLOAD_TOO_LARGE. */
  bodyLimit: number;
  /** Requests per caller per window: per role (the highest of the caller's roles counts), `default` for other roles, `anonymous` per address for requests without a valid token. */
  rateLimits: { windowMs: number; perRole: Record<string, number>; default: number; anonymous: number };
  /** Load shedding: a new GraphQL request is refused with 503 at once while this many are in flight, or while the event loop lags by more than `maxEventLoopDelayMs` (0: not checked). */
  shed: { maxInFlight: number; maxEventLoopDelayMs: number; retryAfterS: number };
}

/** Defaults of EdgeLimits; lib/config.ts names the variables that change them. */
export const DEFAULT_EDGE_LIMITS: EdgeLimits = {
  bodyLimit: 256 * 1024,
  rateLimits: { windowMs: 60_000, perRole: { partner: 300 }, default: 1200, anonymous: 120 },
  shed: { maxInFlight: 16, maxEventLoopDelayMs: 250, retryAfterS: 1 },
};

/** Who a GraphQL request comes from, as far as the rate limit needs to know: set by the authenticate hook. */
export interface Caller {
  key: string;
  roles: readonly string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * How this route answers the edge's refusals (shed, authentication, rate limit, body): a
     * route of another API (the LDV read API's problem+json) sets its own; unset, `sendError`.
     */
    sendRefusal?: RefusalSender;
  }
  interface FastifyRequest {
    caller?: Caller;
    /** A refusal decided in onRequest (authentication, purpose), sent after the rate limit counted the request. */
    refusal?: EdgeRefusal;
  }
}

export interface EdgeRefusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** The response media type the client accepts, by the Accept header: graphql-response+json when it is named, else application/json (also for a missing Accept and for `*\/*`); null when the client accepts neither. */
export function mediaTypeFor(accept: string | undefined): MediaType | null {
  if (!accept || !accept.trim()) return 'application/json';
  let json = false;
  let graphql = false;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    if (params.some((p) => /^q=0(\.0{0,3})?$/.test(p))) continue;
    if (type === 'application/graphql-response+json') graphql = true;
    else if (type === 'application/json' || type === 'application/*' || type === '*/*') json = true;
  }
  return graphql ? 'application/graphql-response+json' : json ? 'application/json' : null;
}

/** Sends the one error shape in the client's media type (by default the one its Accept names). */
export function sendError(
  reply: FastifyReply,
  refusal: EdgeRefusal,
  mediaType: MediaType = mediaTypeFor(reply.request.headers.accept) ?? 'application/json',
  extensions: Record<string, unknown> = {},
): FastifyReply {
  noteRefusal(reply.request, refusal.code);
  for (const [k, v] of Object.entries(refusal.headers ?? {})) reply.header(k, v);
  return reply
    .code(refusal.status)
    .type(`${mediaType}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, ...extensions } }] }));
}

/** Answers one of the edge's refusals in a route's own error format. */
export type RefusalSender = (reply: FastifyReply, refusal: EdgeRefusal) => FastifyReply;

/**
 * Answers a refusal of the edge the way the request's route answers errors (its
 * `config.sendRefusal`), else in the hub's GraphQL shape: the guard is one, its refusals speak
 * each route's language.
 */
export function sendRefusal(reply: FastifyReply, refusal: EdgeRefusal): FastifyReply {
  const own = reply.request.routeOptions?.config?.sendRefusal;
  if (!own) return sendError(reply, refusal);
  noteRefusal(reply.request, refusal.code);
  return own(reply, refusal);
}

/** Maps what Fastify and its plugins throw to the public codes; nothing of the error's text reaches the client unless it is ours. */
function refusalFor(err: { code?: string; statusCode?: number }): EdgeRefusal {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // The connection is closed after the answer: reading on would take in the rest of a body
      // that is refused anyway (Node otherwise drains it to keep the connection).
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than this endpoint accepts', headers: { connection: 'close' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_TYPE':
      return { status: 415, code: 'BAD_REQUEST', message: 'Expected Content-Type: application/json (utf-8)' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'BAD_REQUEST', message: 'Expected a JSON body with a query' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'BAD_REQUEST', message: 'The Content-Length does not match the body' };
    case 'RATE_LIMITED':
      return { status: 429, code: 'RATE_LIMITED', message: 'Too many requests from this caller; try again after the time in Retry-After' };
  }
  const status = err.statusCode ?? 500;
  // JSON syntax errors and prototype-poisoning attempts come as 400 without a code of Fastify's.
  if (status >= 400 && status < 500) return { status: status === 400 ? 400 : status, code: 'BAD_REQUEST', message: status === 400 ? 'Expected a JSON body: it could not be parsed' : 'The request could not be read' };
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' };
}

/**
 * A Fastify instance with the edge's common behaviour: JSON bodies only, within the body limit,
 * every refusal in the one shape, 404 for other paths. Routes are added by the caller. With a
 * `logger` Fastify logs through it, but not its own two lines per request (they name the URL with
 * its query string): the gateway writes one line per request itself (gateway/index.ts).
 */
export function createEdge(limits: EdgeLimits, logger?: Logger): FastifyInstance {
  const app = Fastify({
    bodyLimit: limits.bodyLimit,
    // Keep connections from clients and load balancers open between requests, as before.
    keepAliveTimeout: 65_000,
    // A client that trickles its request in (slowloris) is cut after this, whatever it sends.
    requestTimeout: 30_000,
    // The hub closes its servers itself, draining in-flight requests first (lib/drain.ts).
    return503OnClosing: false,
    forceCloseConnections: false,
    // As Fastify's base logger type: the routes and hooks are typed against that, not pino's.
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) } : { logger: false }),
  });
  // JSON only: a text/plain body is not a GraphQL request of ours.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((err, request, reply) => {
    const refusal = refusalFor(err as { code?: string; statusCode?: number });
    // Class and code only (lib/log.ts): what failed can quote the request.
    if (refusal.status >= 500) request.log.error({ err }, 'request failed');
    return sendRefusal(reply, refusal);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, { status: 404, code: 'NOT_FOUND', message: 'Not found: use POST /graphql' }));
  return app;
}

/**
 * Registers, in the encapsulated `scope`, what guards the expensive route: load shedding first
 * (a request refused for load costs next to nothing), then the caller's authentication hook, then
 * the per-caller rate limit, then the refusal authentication decided. Health endpoints live
 * outside the scope, so a loaded or flooded gateway still answers them. Each refusal is answered
 * by `sendRefusal`, in the format of the route it was for.
 */
export async function guard(
  scope: FastifyInstance,
  limits: EdgeLimits,
  authenticate: (request: FastifyRequest) => Promise<void>,
): Promise<onRequestHookHandler[]> {
  const retryAfter = String(limits.shed.retryAfterS);
  const overloaded = (request: FastifyRequest, reply: FastifyReply) =>
    sendRefusal(reply, { status: 503, code: 'SERVICE_OVERLOADED', message: 'The hub is at capacity; try again after the time in Retry-After', headers: { 'retry-after': retryAfter } });
  if (limits.shed.maxEventLoopDelayMs > 0) {
    await scope.register(underPressure, {
      maxEventLoopDelay: limits.shed.maxEventLoopDelayMs,
      // Sampled often, so that shedding starts and stops within a fraction of a second.
      sampleInterval: 200,
      pressureHandler: (request, reply) => void overloaded(request, reply),
    });
  }
  let inFlight = 0;
  const shed = async (request: FastifyRequest, reply: FastifyReply) => {
    if (inFlight >= limits.shed.maxInFlight) return overloaded(request, reply);
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  };
  await scope.register(rateLimit, { global: false });
  const { windowMs, perRole, anonymous } = limits.rateLimits;
  const limitFor = (caller: Caller | undefined) => (caller ? Math.max(...caller.roles.map((r) => perRole[r] ?? limits.rateLimits.default)) : anonymous);
  const limited = scope.rateLimit({
    timeWindow: windowMs,
    // An authenticated caller is counted as itself (organisation and subject), wherever it
    // connects from; a request without a valid token by the address it comes from.
    keyGenerator: (request) => (request.caller ? `c:${request.caller.key}` : `a:${request.ip}`),
    max: async (request) => limitFor(request.caller),
    errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode, code: 'RATE_LIMITED' }),
  });
  const refuse = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.refusal) return sendRefusal(reply, request.refusal);
  };
  return [shed, (request) => authenticate(request), limited as onRequestHookHandler, refuse];
}
