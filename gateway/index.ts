import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { buildSchema, GraphQLError } from 'graphql';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import nodeFetch from 'node-fetch';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { AddressInfo } from 'node:net';
import { INTERNAL_CONTEXT_HEADER, isPurpose, type Actor, type InternalContextSigner, type Purpose, type OrganisationRegister, type RequestContext, type Rules } from '../policy';
import { gracefulClose } from '../lib/drain';
import { traceOf } from '../lib/trace';
import { loggableOperationName, silentLogger, type Logger } from '../lib/log';
import { apolloQueryOptions, createQueryAnalyzer, parseQuery, selectOperation } from '../lib/query-limits';
import { apolloBuiltInsOff } from '../lib/apollo';
import { registerWeb, type WebOptions } from './web';
import { createEdge, DEFAULT_EDGE_LIMITS, guard, mediaTypeFor, sendError, type EdgeLimits } from './edge';
import { AuthError, type TokenVerifier } from './auth';
import { TrustedDocuments } from './trusted-documents';
import { noteOperation, observeFetch, observeRoutes } from './observe';
import { startMetricsServer, type MetricsServerOptions } from '../lib/metrics';
import { addWarnings, warningsPlugin, type ResponseWarning } from '../subgraphs/common/warnings';
import type { InProcessSubgraph } from '../subgraphs/common/server';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph (by name in the supergraph) really answers. */
  subgraphUrls: Record<string, string>;
  /**
   * Subgraphs running in this process, reached without HTTP (docs/DESIGN.md, decision 20); the
   * rest by `subgraphUrls`. @defaultValue none: every subgraph over HTTP
   */
  inProcessSubgraphs?: Record<string, InProcessSubgraph>;
  verifyToken: TokenVerifier;
  rules: Rules;
  /** Which organisations' tokens are accepted, and whether each is the municipality or a partner. */
  organisations: OrganisationRegister;
  signer: InternalContextSigner;
  /** Registered operations of partner organisations. @defaultValue gateway/trusted-documents */
  trustedDocuments?: TrustedDocuments;
  /**
   * Writes the audit record of a request the gateway answered; the answer leaves only
   * once it resolves. Unset: no request records (tests of the gateway alone).
   */
  recordRequest?: (request: RequestContext, httpStatus: number) => Promise<void>;
  /** For /readyz: composed, sources reachable, first sync done. */
  readiness: () => Promise<{ ready: boolean; checks: Record<string, boolean>; sources?: Record<string, unknown> }>;
  /** The API schema callers see (gateway/api-schema.graphql): what documents are measured against. */
  apiSchemaSdl: string;
  /**
   * More routes that need an authenticated caller (e.g. the audit log's LDV read API). They are
   * registered beside POST /graphql, and must use `onRequest` on each route: then they are shed,
   * authenticated and rate-limited the same way, and `caller(request)` gives who asks and why.
   */
  routes?: (scope: FastifyInstance, guards: RouteGuards) => Promise<void>;
  /** The pages (explorer, privacy console), development tokens and CORS; unset: none of them. */
  web?: WebOptions;
  /**
   * Whether introspection (`__schema`, `__type`) is answered; measured by its own bound in
   * lib/query-limits.ts. @defaultValue Apollo's: not with NODE_ENV=production
   */
  introspection?: boolean;
  /** Body size, rate limits and load shedding. @defaultValue DEFAULT_EDGE_LIMITS */
  limits?: EdgeLimits;
  port?: number;
  host?: string;
  /** Prometheus metrics at GET /metrics on a listener of their own (lib/metrics.ts); unset: none. */
  metrics?: MetricsServerOptions;
  /** Where the gateway logs: one line per request (see startGateway), and its faults. @defaultValue no output */
  logger?: Logger;
}

/** What the gateway hands its extra routes (GatewayOptions.routes). */
export interface RouteGuards {
  /** The hooks of POST /graphql: shed, authenticate, rate-limit, refuse. */
  onRequest: onRequestHookHandler[];
  /** Who asks and why, for a request that passed them. */
  caller(request: FastifyRequest): { actor: Actor; purpose: Purpose };
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Where GET /metrics answers, when GatewayOptions.metrics was given. */
  metricsUrl?: string;
  /** Stops accepting connections and answers the requests in flight, for at most `drainMs` (default 10 s), then cuts what is left. */
  close(options?: { drainMs?: number }): Promise<void>;
}

interface GatewayContext {
  request: RequestContext;
  /** The request's context, encoded once; each subgraph fetch signs it for itself. */
  prepared: PreparedContext;
  traceparent: string;
  /** What the subgraphs warned of (extensions.warnings), collected for the answer: @apollo/gateway drops subgraph extensions. */
  warnings: ResponseWarning[];
}

type PreparedContext = ReturnType<InternalContextSigner['prepare']>;

/** Carries the prepared context from willSendRequest to the fetcher; never sent to a subgraph. */
const PENDING_CONTEXT_HEADER = 'x-ontschot-pending-context';

/**
 * The edge: authenticates the caller, checks the claimed purpose against the rules, and passes
 * a signed internal context and W3C trace context to every subgraph fetch. Policy on data is
 * not decided here but in the subgraphs (docs/DESIGN.md).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  // One keep-alive pool for all subgraph fetches. The gateway's default fetcher costs far more
  // CPU per request (its agent inspects a stack trace on every call to pick http or https).
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const signer = options.signer;
  // One fetcher per subgraph, because the context is signed for one subgraph and one body, and
  // the body exists only here: the data source serialises the request after willSendRequest.
  // willSendRequest leaves the request's prepared context in PENDING_CONTEXT_HEADER, which is
  // taken out again before anything is sent.
  const fetcherFor = (audience: string) =>
    ((url: string, init: { method?: string; headers: Record<string, string>; body?: string }) => {
      const { [PENDING_CONTEXT_HEADER]: pending, ...headers } = init.headers;
      // Fail closed: a fetch without its request's context is not sent (the data source makes
      // that part of the answer SOURCE_UNAVAILABLE).
      if (!pending || typeof init.body !== 'string') return Promise.reject(new Error(`no request context for the ${audience} fetch`));
      headers[INTERNAL_CONTEXT_HEADER] = signer.sign(pending as PreparedContext, audience, init.body);
      return observeFetch(audience, headers, () => nodeFetch(url, { ...init, headers, agent }));
    }) as unknown as Fetcher;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const local = options.inProcessSubgraphs?.[name];
      if (local) return inProcessSource(name, local);
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url,
        fetcher: fetcherFor(name),
        // A subgraph that cannot be reached makes its part of the answer SOURCE_UNAVAILABLE; the
        // rest of the answer stands, and the client learns no internal address.
        didEncounterError(error) {
          if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
          throw sourceUnavailable(name);
        },
        // The gateway merges only data and errors of subgraph answers; their warnings are
        // collected here and put into the answer by warningsPlugin.
        async didReceiveResponse({ response, context }) {
          const warnings = (response.extensions as { warnings?: unknown } | undefined)?.warnings;
          if (Array.isArray(warnings)) addWarnings(context.warnings, warnings);
          return response;
        },
        willSendRequest({ request, context }) {
          request.http?.headers.set(PENDING_CONTEXT_HEADER, context.prepared);
          request.http?.headers.set('traceparent', context.traceparent);
        },
      });
    },
  });
  const trusted = options.trustedDocuments ?? new TrustedDocuments();
  // The API schema the callers see: what the query checks measure a document against.
  const analyze = createQueryAnalyzer(buildSchema(options.apiSchemaSdl));
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // The edge below has parsed and measured the document already; Apollo keeps the token
    // limit on its own parse and hides schema details, without measuring a second time.
    ...apolloQueryOptions(),
    plugins: [...apolloBuiltInsOff(), warningsPlugin<GatewayContext>((ctx) => ctx.warnings)],
    introspection: options.introspection ?? process.env.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    // The hub stops its parts itself, in order; a handler per server would race it.
    stopOnTerminationSignals: false,
    // Subgraphs already formatted their errors; strip what the gateway itself adds for debugging.
    formatError: (formatted) => {
      const { stacktrace: _s, serviceName: _n, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    },
  });
  await server.start();

  const limits = options.limits ?? DEFAULT_EDGE_LIMITS;
  const logger = options.logger ?? silentLogger;
  const app = createEdge(limits, logger);
  let closing = false;
  // One line per request, whatever answered it (a route, a refusal, a 404), once it is sent:
  // the route as registered, never the path as sent (a 404's path or a query string can carry
  // a BSN), the status and time, the operation's name, who asked as roles and organisation (not
  // the subject of the token), and the trace id the audit records and the traceparent carry.
  app.addHook('onResponse', async (request, reply) => {
    const who = authenticated.get(request)?.actor;
    logger.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        operationName: operationNames.get(request) ?? null,
        roles: who?.rollen ?? null,
        organisation: who?.organisatie ?? null,
        traceId: traceOf(request).traceId,
      },
      'request',
    );
  });
  app.get('/healthz', async (_request, reply) => reply.send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    // Shutting down: a load balancer should send its next request elsewhere.
    if (closing) return reply.code(503).send({ status: 'shutting down', checks: { shuttingDown: true } });
    const r: { ready: boolean; checks: Record<string, boolean>; sources?: Record<string, unknown> } = await options.readiness().catch(() => ({ ready: false, checks: {} }));
    return reply.code(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not ready', checks: r.checks, ...(r.sources ? { sources: r.sources } : {}) });
  });
  const web = options.web ? await registerWeb(app, options.web) : undefined;
  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: '/graphql',
    handler: (request, reply) => {
      // A browser opening the endpoint gets the explorer, where it is enabled.
      if (request.method === 'GET' && /\btext\/html\b/.test(request.headers.accept ?? '') && web?.explorerPage(reply)) return reply;
      return sendError(reply.header('allow', 'POST'), { status: 405, code: 'METHOD_NOT_ALLOWED', message: `Expected POST, got ${request.method}` });
    },
  });

  /**
   * Who is asking and why, from the headers alone, before the body is read: the token, the
   * organisation it acts for and the purpose it claims. A refusal is kept for after the rate
   * limit, so that a flood of bad tokens is counted (per address) like any other.
   */
  const authenticate = async (request: FastifyRequest) => {
    const token = header(request, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) return void (request.refusal = { status: 401, code: 'UNAUTHENTICATED', message: 'Expected Authorization: Bearer <token>', headers: { 'www-authenticate': bearerChallenge(false) } });
    let claims;
    try {
      claims = await options.verifyToken(token);
    } catch (err) {
      return void (request.refusal = { status: 401, code: 'UNAUTHENTICATED', message: err instanceof AuthError ? `Not authenticated: ${err.message}` : 'Not authenticated', headers: { 'www-authenticate': bearerChallenge(true) } });
    }
    const resolved = options.organisations.resolve(claims, options.rules);
    if ('refusal' in resolved) return void (request.refusal = { status: 403, ...resolved.refusal });
    const { actor } = resolved;
    request.caller = { key: `${actor.organisatie}:${actor.sub}`, roles: actor.rollen };
    const purpose = header(request, 'x-purpose');
    if (!purpose) return void (request.refusal = { status: 403, code: 'PURPOSE_NOT_ALLOWED', message: 'Expected an X-Purpose header naming the purpose (doelbinding)' });
    if (!isPurpose(purpose) || !options.rules.mayClaim(actor.rollen, purpose)) {
      return void (request.refusal = { status: 403, code: 'PURPOSE_NOT_ALLOWED', message: `Purpose ${isPurpose(purpose) ? purpose : '(unknown)'} may not be claimed by role ${actor.rollen.join(', ')}` });
    }
    authenticated.set(request, { actor, purpose });
  };
  const authenticated = new WeakMap<FastifyRequest, { actor: Actor; purpose: Purpose }>();
  /** The name of the operation a GraphQL request runs, for its log line (lib/log.ts loggableOperationName). */
  const operationNames = new WeakMap<FastifyRequest, string | null>();

  await app.register(async (scope) => {
    // First, so that a request shed or refused by the guard is counted (and traced) too.
    observeRoutes(scope);
    const onRequest = await guard(scope, limits, authenticate);
    // Other authenticated routes of the hub (options.routes) sit behind the same guard: shed,
    // authenticated, rate-limited; their handlers run only for a caller who passed.
    await options.routes?.(scope, { onRequest, caller: (request) => authenticated.get(request)! });
    scope.post('/graphql', { onRequest }, async (request, reply) => {
      // An answer is about people and for this caller only: no browser or proxy keeps a copy.
      reply.header('cache-control', 'no-store');
      const mediaType = mediaTypeFor(request.headers.accept);
      if (!mediaType) return sendError(reply, { status: 406, code: 'BAD_REQUEST', message: 'Expected Accept: application/graphql-response+json or application/json' });
      const { actor, purpose } = authenticated.get(request)!;
      // A GraphQL request error (the document cannot be run as sent): 400 for
      // application/graphql-response+json; 200 for application/json, as GraphQL over HTTP says
      // for a well-formed request whose document fails, and no data entry in either.
      const documentRefusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
        sendError(reply, { status: mediaType === 'application/json' ? 200 : 400, code, message }, mediaType, extensions);

      const body = request.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return sendError(reply, { status: 400, code: 'BAD_REQUEST', message: 'Expected a JSON object with a query' }, mediaType);
      if (typeof body.query !== 'string') return sendError(reply, { status: 400, code: 'BAD_REQUEST', message: 'Expected the query as a string' }, mediaType);
      if (body.operationName != null && typeof body.operationName !== 'string') return sendError(reply, { status: 400, code: 'BAD_REQUEST', message: 'Expected operationName as a string' }, mediaType);
      if (body.variables != null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) return sendError(reply, { status: 400, code: 'BAD_REQUEST', message: 'Expected variables as an object' }, mediaType);
      if (body.extensions != null && (typeof body.extensions !== 'object' || Array.isArray(body.extensions))) return sendError(reply, { status: 400, code: 'BAD_REQUEST', message: 'Expected extensions as an object' }, mediaType);
      const variables = (body.variables ?? {}) as Record<string, unknown>;

      // The checks in order, each linear in the document: parse within the token limit; pick
      // the operation; depth, aliases, directives and cost; then, for a partner, the registered
      // operations. Only then is anything planned or fetched.
      const parsed = parseQuery(body.query);
      if ('refusal' in parsed) return documentRefusal(parsed.refusal.code, parsed.refusal.message, parsed.refusal.extensions);
      const selected = selectOperation(parsed.document, body.operationName);
      if ('refusal' in selected) return documentRefusal(selected.refusal.code, selected.refusal.message, selected.refusal.extensions);
      operationNames.set(request, loggableOperationName(selected.operation.name?.value));
      const measured = analyze(parsed.document, selected.operation, variables);
      if (measured.refusal) return documentRefusal(measured.refusal.code, measured.refusal.message, measured.refusal.extensions);

      const trace = traceOf(request);
      // Frozen: in one process every subgraph of the request is handed this very object (decision
      // 20), so none of them may change what the others, and the audit records, see.
      const requestContext: RequestContext = Object.freeze({
        actor: Object.freeze({ ...actor, rollen: Object.freeze([...actor.rollen]) as Actor['rollen'] }),
        doel: purpose,
        traceId: trace.traceId,
        spanId: trace.spanId,
        operationName: typeof body.operationName === 'string' ? body.operationName : null,
        documentHash: createHash('sha256').update(body.query).digest('hex'),
      });
      // Partner organisations may send only the operations registered for them, with arguments
      // within what is registered. A refused operation is recorded too: a partner probing for
      // other operations is worth seeing.
      if (options.organisations.get(actor.organisatie)!.soort === 'PARTNER' && !trusted.isTrusted(actor.organisatie, parsed.document, variables)) {
        await options.recordRequest?.(requestContext, mediaType === 'application/json' ? 200 : 400).catch(() => undefined);
        return documentRefusal('OPERATION_NOT_TRUSTED', 'This operation is not registered for your organisation');
      }
      noteOperation(request, selected.operation.name?.value);
      const context: GatewayContext = {
        request: requestContext,
        prepared: options.signer.prepare(requestContext),
        traceparent: trace.traceparent,
        warnings: [],
      };

      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers.set(k, v);
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body },
        context: async () => context,
      });
      // Apollo answers a request error (validation, variable coercion) with 400 whatever the
      // client accepts; GraphQL over HTTP wants 200 for application/json.
      let status = result.status ?? 200;
      let text = result.body.kind === 'complete' ? result.body.string : null;
      // A document graphql-js validates but the query planner cannot plan (it knows an older set
      // of introspection fields: `__Type.isOneOf` is one) is the client's error, not the hub's.
      if (status === 500 && text !== null && plannerRefused(text)) {
        status = 400;
        text = JSON.stringify({ errors: [{ message: 'The document asks for something this gateway cannot plan, such as an introspection field it does not serve', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
      }
      if (status === 400 && mediaType === 'application/json' && text !== null && !('data' in JSON.parse(text))) status = 200;
      // Fail closed: the answer leaves only once the request's own record is written. The body
      // is complete here (graphql 16 has no incremental delivery), so nothing has been sent yet.
      if (options.recordRequest) {
        try {
          await options.recordRequest(context.request, status);
        } catch {
          reply.header('traceparent', context.traceparent);
          return sendError(reply, { status: 503, code: 'SOURCE_UNAVAILABLE', message: 'The audit log cannot be written right now; nothing is answered without it' }, mediaType);
        }
      }
      reply.code(status).header('traceparent', context.traceparent);
      for (const [k, v] of result.headers) reply.header(k, v);
      if (text !== null) return reply.send(text);
      const chunks: string[] = [];
      if (result.body.kind === 'chunked') for await (const chunk of result.body.asyncIterator) chunks.push(chunk);
      return reply.send(chunks.join(''));
    });
  });

  await app.ready();
  const drain = gracefulClose(app.server);
  const metrics = options.metrics ? await startMetricsServer(options.metrics) : undefined;
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' }).catch(async (err: unknown) => {
    await metrics?.close();
    throw err;
  });
  const { port } = app.server.address() as AddressInfo;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    ...(metrics ? { metricsUrl: metrics.url } : {}),
    async close(options = {}) {
      closing = true;
      // In-flight requests are answered (their subgraph fetches and audit records included)
      // before anything they need is let go of; see lib/drain.ts.
      await drain(options.drainMs);
      // The listener is closed by the drain already; this ends Fastify's plugins and timers.
      await app.close().catch(() => undefined);
      await server.stop();
      agent.destroy();
      // Last: an operator watches the drain through it.
      await metrics?.close();
    },
  };
}

/** The error that stands for a subgraph's part of the answer when the subgraph cannot give it. */
function sourceUnavailable(name: string): GraphQLError {
  return new GraphQLError(`The ${name} data cannot be read right now`, { extensions: { code: 'SOURCE_UNAVAILABLE', bron: name } });
}

/**
 * A subgraph in this process as the gateway's data source. It answers as the HTTP one does: the
 * subgraph's data and errors as they are, its warnings collected for the answer, and
 * SOURCE_UNAVAILABLE for a subgraph that fails, refuses (an HTTP status of 400 or more) or is
 * closing. The request's context goes as the object the gateway built; it is signed only where
 * it crosses a network. Timed, counted and traced as a fetch like any other.
 */
function inProcessSource(name: string, run: InProcessSubgraph): GraphQLDataSource<GatewayContext> {
  return {
    async process({ request, context }) {
      const headers: Record<string, string> = { traceparent: context.traceparent };
      let answer;
      try {
        // observeFetch names the fetch span in headers.traceparent before it calls this.
        answer = await observeFetch(name, headers, () => run(context.request, { query: request.query ?? '', variables: request.variables, operationName: request.operationName }, headers.traceparent));
      } catch {
        throw sourceUnavailable(name);
      }
      if (answer.status >= 400) throw sourceUnavailable(name);
      const { status: _status, extensions, ...response } = answer;
      const warnings = (extensions as { warnings?: unknown } | undefined)?.warnings;
      if (Array.isArray(warnings)) addWarnings(context.warnings, warnings);
      return response as Awaited<ReturnType<GraphQLDataSource['process']>>;
    },
  };
}

/** Whether an answer is the query planner's refusal of the document (@apollo/federation-internals: INVALID_GRAPHQL), and nothing else. */
function plannerRefused(text: string): boolean {
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
    return body.data === undefined && Array.isArray(body.errors) && body.errors.length > 0 && body.errors.every((e) => e.extensions?.code === 'INVALID_GRAPHQL');
  } catch {
    return false;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The WWW-Authenticate challenge of a 401 (RFC 6750 §3): the realm always, and `invalid_token`
 * when a token was sent and refused; without one the client is only told how to authenticate.
 */
function bearerChallenge(tokenSent: boolean): string {
  return tokenSent ? 'Bearer realm="ontschot", error="invalid_token"' : 'Bearer realm="ontschot"';
}
