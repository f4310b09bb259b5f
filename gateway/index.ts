import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import nodeFetch from 'node-fetch';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { AddressInfo } from 'node:net';
import { INTERNAL_CONTEXT_HEADER, isPurpose, type InternalContextSigner, type OrganisationRegister, type RequestContext, type Rules } from '../policy';
import { readBody } from '../subgraphs/common/server';
import { gracefulClose } from '../lib/drain';
import { queryLimits } from '../lib/query-limits';
import { AuthError, type TokenVerifier } from './auth';
import { TrustedDocuments } from './trusted-documents';
import { addWarnings, warningsPlugin, type ResponseWarning } from '../subgraphs/common/warnings';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph (by name in the supergraph) really answers. */
  subgraphUrls: Record<string, string>;
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
  port?: number;
  host?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
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
      return nodeFetch(url, { ...init, headers, agent });
    }) as unknown as Fetcher;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url,
        fetcher: fetcherFor(name),
        // A subgraph that cannot be reached makes its part of the answer SOURCE_UNAVAILABLE; the
        // rest of the answer stands, and the client learns no internal address.
        didEncounterError(error) {
          if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
          throw new GraphQLError(`The ${name} data cannot be read right now`, { extensions: { code: 'SOURCE_UNAVAILABLE', bron: name } });
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
  // Query limits before any subgraph is asked: depth, aliases, directives, tokens and cost, and
  // no field suggestions that would map the schema for a caller who may not see it.
  // The same limits every subgraph enforces again (lib/query-limits.ts).
  const armor = queryLimits();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    ...armor,
    plugins: [...armor.plugins, warningsPlugin<GatewayContext>((ctx) => ctx.warnings)],
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

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      // Shutting down: a load balancer should send its next request elsewhere.
      if (closing) return json(res, 503, { status: 'shutting down', checks: { shuttingDown: true } });
      const r: { ready: boolean; checks: Record<string, boolean>; sources?: Record<string, unknown> } = await options.readiness().catch(() => ({ ready: false, checks: {} }));
      return json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks, ...(r.sources ? { sources: r.sources } : {}) });
    }
    if (path !== '/graphql') return json(res, 404, { errors: [{ message: 'Not found: use POST /graphql', extensions: { code: 'NOT_FOUND' } }] });
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return json(res, 405, { errors: [{ message: `Expected POST, got ${req.method}`, extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
    }

    const auth = header(req, 'authorization');
    const token = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) return error(res, 401, 'UNAUTHENTICATED', 'Expected Authorization: Bearer <token>', { 'www-authenticate': bearerChallenge(false) });
    let claims;
    try {
      claims = await options.verifyToken(token);
    } catch (err) {
      return error(res, 401, 'UNAUTHENTICATED', err instanceof AuthError ? `Not authenticated: ${err.message}` : 'Not authenticated', { 'www-authenticate': bearerChallenge(true) });
    }
    const resolved = options.organisations.resolve(claims, options.rules);
    if ('refusal' in resolved) return error(res, 403, resolved.refusal.code, resolved.refusal.message);
    const { actor } = resolved;
    const organisation = options.organisations.get(actor.organisatie)!;

    const purpose = header(req, 'x-purpose');
    if (!purpose) return error(res, 403, 'PURPOSE_NOT_ALLOWED', 'Expected an X-Purpose header naming the purpose (doelbinding)');
    if (!isPurpose(purpose) || !options.rules.mayClaim(actor.rollen, purpose)) {
      return error(res, 403, 'PURPOSE_NOT_ALLOWED', `Purpose ${isPurpose(purpose) ? purpose : '(unknown)'} may not be claimed by role ${actor.rollen.join(', ')}`);
    }

    let body: { query?: unknown; operationName?: unknown } | undefined;
    try {
      const raw = await readBody(req);
      body = raw.length ? JSON.parse(raw) : undefined;
    } catch {
      return error(res, 400, 'BAD_REQUEST', 'Expected a JSON body of at most 1 MiB');
    }

    const trace = parseTraceparent(header(req, 'traceparent'));
    const spanId = randomBytes(8).toString('hex');
    const query = typeof body?.query === 'string' ? body.query : null;
    const request: RequestContext = {
      actor,
      doel: purpose,
      traceId: trace?.traceId ?? randomBytes(16).toString('hex'),
      spanId,
      operationName: typeof body?.operationName === 'string' ? body.operationName : null,
      documentHash: query ? createHash('sha256').update(query).digest('hex') : null,
    };
    // Partner organisations may send only the operations registered for them. A refused
    // operation is recorded too: a partner probing for other operations is worth seeing.
    if (organisation.soort === 'PARTNER' && !(typeof body?.query === 'string' && trusted.isTrustedQuery(actor.organisatie, body.query))) {
      await options.recordRequest?.(request, 400).catch(() => undefined);
      return error(res, 400, 'OPERATION_NOT_TRUSTED', 'This operation is not registered for your organisation');
    }
    const context: GatewayContext = {
      request,
      prepared: options.signer.prepare(request),
      traceparent: `00-${request.traceId}-${spanId}-${trace?.flags ?? '01'}`,
      warnings: [],
    };

    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      context: async () => context,
    });
    // Fail closed: the answer leaves only once the request's own record is written. The body
    // is complete here (graphql 16 has no incremental delivery), so nothing has been sent yet.
    if (options.recordRequest) {
      try {
        await options.recordRequest(request, result.status ?? 200);
      } catch {
        res.setHeader('traceparent', context.traceparent);
        return error(res, 503, 'SOURCE_UNAVAILABLE', 'The audit log cannot be written right now; nothing is answered without it');
      }
    }
    const out: Record<string, string> = { traceparent: context.traceparent };
    for (const [k, v] of result.headers) out[k] = v;
    res.writeHead(result.status ?? 200, out);
    if (result.body.kind === 'complete') return res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) error(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error');
      else res.end();
    });
  });
  http.keepAliveTimeout = 65_000;
  const drain = gracefulClose(http);
  let closing = false;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = http.address() as AddressInfo;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    async close(options = {}) {
      closing = true;
      // In-flight requests are answered (their subgraph fetches and audit records included)
      // before anything they need is let go of; see lib/drain.ts.
      await drain(options.drainMs);
      await server.stop();
      agent.destroy();
    },
  };
}

/** W3C Trace Context: version 00, 32-hex trace id, 16-hex parent id, 2-hex flags; all-zero ids are invalid. */
function parseTraceparent(value: string | undefined): { traceId: string; parentId: string; flags: string } | null {
  const m = value?.trim().match(/^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/);
  if (!m || /^0+$/.test(m[1]) || /^0+$/.test(m[2])) return null;
  return { traceId: m[1], parentId: m[2], flags: m[3] };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/**
 * The WWW-Authenticate challenge of a 401 (RFC 6750 §3): the realm always, and `invalid_token`
 * when a token was sent and refused; without one the client is only told how to authenticate.
 */
function bearerChallenge(tokenSent: boolean): string {
  return tokenSent ? 'Bearer realm="ontschot", error="invalid_token"' : 'Bearer realm="ontschot"';
}
