import { ApolloServer, HeaderMap, type ContextFunction } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditSource } from '../../audit';
import type { Db } from '../../lib/db';
import type { OpaqueIds } from '../../lib/opaque';
import { isPublicErrorCode, unauthenticated } from '../../lib/errors';
import { DEFAULT_DRAIN_MS, gracefulClose, settledWithin } from '../../lib/drain';
import { traceSubgraphRequest } from '../../lib/tracing';
import { loggableOperationName, silentLogger, type Logger } from '../../lib/log';
import { apolloQueryOptions } from '../../lib/query-limits';
import { apolloBuiltInsOff } from '../../lib/apollo';
import { warningsPlugin, type ResponseWarning } from './warnings';
import type { DossierReads } from './dossier';
import { enforcePolicy, INTERNAL_CONTEXT_HEADER, type AccessRecorder, type InternalContextSigner, type Policy, type PolicyContext, type RequestContext } from '../../policy';
import type { PersonDirectory } from '../../read-model';

/** Everything a subgraph's resolvers see: who asks and why, the request's policy, its loaders. */
export interface SubgraphContext<L> extends PolicyContext {
  request: RequestContext;
  loaders: L;
}

/** What the hub gives every subgraph to build its loaders from. */
export interface SubgraphDeps {
  db: Db;
  /** The BRP inside and outside the hub's copy. */
  persons: PersonDirectory;
  policy: Policy;
  /** The process's audit log, for the subgraph that serves it. */
  audit?: AuditSource;
  /** Keyed household ids and sealed cursors. */
  ids: OpaqueIds;
  /** The domain subgraphs' dossier reads, joined per request (common/dossier.ts). */
  dossierReads: DossierReads;
  /** Per source, how long it may go unreached before answers call it stale (lib/config.ts staleAfterMs); unset: the defaults. */
  staleAfterMs?: Partial<Record<'BRP' | 'GWS' | 'JEUGD' | 'LAS', number>>;
}

/** A subgraph as a folder defines it: SDL, resolvers, and how to make its per-request loaders. */
export interface SubgraphDefinition<L> {
  name: string;
  typeDefs: DocumentNode;
  /** Typed by the subgraph with its generated resolver types. */
  resolvers: object;
  createLoaders(request: RequestContext): L;
}

export interface SubgraphOptions {
  signer: InternalContextSigner;
  policy: Policy;
  /** The audit log's recorder for one request, which the policy layer fills; its flush must commit before the answer leaves. */
  recorderFor: (request: RequestContext) => AccessRecorder & { flush(): Promise<void> };
  port?: number;
  host?: string;
  /** Where faults (class and code only) and, at debug, each request are reported. @defaultValue no output */
  logger?: Logger;
}

/** One operation as the gateway sends it to a subgraph. */
export interface SubgraphOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** A subgraph's answer handed over in-process: its data and errors, and the HTTP status it would have sent. */
export interface InProcessAnswer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/**
 * Runs one operation of the gateway's in this process, for the request the gateway verified and
 * built the context of, and for the fetch span `traceparent` names (docs/DESIGN.md, decision 20).
 */
export type InProcessSubgraph = (request: RequestContext, operation: SubgraphOperation, traceparent: string | undefined) => Promise<InProcessAnswer>;

export interface RunningSubgraph {
  name: string;
  url: string;
  /**
   * The same subgraph without HTTP between it and a gateway in this process: the same schema,
   * policy, limits, plugins, error format and audit flush; not the signature, which protects
   * what crosses a network. Rejects once the subgraph is closing.
   */
  inProcess: InProcessSubgraph;
  /** Stops accepting connections and answers the requests in flight, for at most `drainMs` (default 10 s), then cuts what is left. */
  close(options?: { drainMs?: number }): Promise<void>;
}

/**
 * What a subgraph's client may see of an error. Our own errors pass with their code; anything
 * else (the read model did not answer, a bug) means this subgraph's data cannot be read now:
 * SOURCE_UNAVAILABLE on that path, so the rest of the answer stands. Its message is replaced,
 * since a driver's message can quote a row.
 */
function formatErrorFor(bron: string, logger: Logger = silentLogger) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    // Codes a client may see as they are. Anything else is an internal fault whose message could
    // carry anything (a driver error can quote a row), so it is replaced.
    if (isPublicErrorCode(code)) {
      const { http: _http, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) reportFault(logger, error);
    return { message: `The ${bron} data cannot be read right now`, path: formatted.path, extensions: { code: 'SOURCE_UNAVAILABLE', bron } };
  };
}

export const formatError = formatErrorFor('hub');

/** Tells the operator that something failed, with the error's class and code only (lib/log.ts): no message, no data. */
function reportFault(logger: Logger, error: unknown): void {
  logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error }, 'resolver failed');
}

/** Builds the subgraph's executable schema with the policy layer applied to every tagged field. */
function buildPolicySchema<L>(def: SubgraphDefinition<L>) {
  return enforcePolicy(buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }]));
}

/**
 * Starts a subgraph on its own HTTP server. It answers only requests that carry the gateway's
 * internal context signed for this subgraph and this very body, still fresh; anything else is
 * UNAUTHENTICATED. What it then runs stays within the hub's query limits.
 */
export async function startSubgraph<L>(def: SubgraphDefinition<L>, options: SubgraphOptions): Promise<RunningSubgraph> {
  // The gateway's query limits, again: what a subgraph runs must not depend on the gateway in
  // front of it having checked (docs/DESIGN.md, decision 1). Apollo's own parse holds to the
  // token limit; the rest is checked before anything executes.
  const schema = buildPolicySchema(def);
  const limits = apolloQueryOptions(schema);
  const log = options.logger ?? silentLogger;
  const server = new ApolloServer<SubgraphContext<L>>({
    schema,
    ...limits,
    formatError: formatErrorFor(def.name, log),
    includeStacktraceInErrorResponses: false,
    // The hub stops its parts itself, in order; a handler per server would race it.
    stopOnTerminationSignals: false,
    // The gateway is the only client; introspection is for composition tooling, not callers.
    introspection: false,
    // No federated traces, cache hints or reporting (lib/apollo.ts). A loader that found its
    // source stale says so in the answer (SOURCE_STALE): the gateway carries it on to the caller.
    plugins: [...apolloBuiltInsOff(), ...limits.plugins, warningsPlugin<SubgraphContext<L>>((ctx) => (ctx.loaders as { warnings?: ResponseWarning[] } | undefined)?.warnings)],
  });
  await server.start();
  const refuse = (res: ServerResponse) =>
    send(res, 401, { 'content-type': 'application/json' }, JSON.stringify({ errors: [formatErrorFor(def.name)(unauthenticated('this subgraph answers only the gateway').toJSON())] }));

  /**
   * One operation for a verified `request`, over HTTP or in-process alike: its policy and
   * loaders, then, fail closed, its audit records written before anything of it is returned.
   * Null when they could not be written: then nothing of the result may leave.
   */
  const answer = async <T>(request: RequestContext, execute: (context: ContextFunction<[], SubgraphContext<L>>) => Promise<T>, statusOf: (result: T) => number): Promise<T | null> => {
    const recorder = options.recorderFor(request);
    const context: ContextFunction<[], SubgraphContext<L>> = async () => ({
      request,
      loaders: def.createLoaders(request),
      policy: options.policy.forRequest(request, recorder),
    });
    const started = performance.now();
    const result = await execute(context);
    // The gateway logs each request at info; a subgraph's share, tied to it by the trace id, is detail.
    log.debug({ traceId: request.traceId, operationName: loggableOperationName(request.operationName), status: statusOf(result), durationMs: Math.round((performance.now() - started) * 10) / 10 }, 'subgraph request');
    try {
      await recorder.flush();
    } catch (err) {
      log.warn({ err, traceId: request.traceId }, 'audit records not written: this part of the answer is SOURCE_UNAVAILABLE');
      return null;
    }
    return result;
  };
  const auditUnavailable = () => formatErrorFor(def.name)(new GraphQLError(`The ${def.name} data cannot be read right now`, { extensions: { code: 'SOURCE_UNAVAILABLE', bron: def.name } }).toJSON());

  // In-process operations under way, so that closing waits for them as the drain does for HTTP.
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  const inProcess: InProcessSubgraph = (request, operation, traceparent) => {
    if (closing) return Promise.reject(new Error(`the ${def.name} subgraph is closing`));
    const run = traceSubgraphRequest(
      def.name,
      traceparent,
      async (): Promise<InProcessAnswer> => {
        const response = await answer(
          request,
          async (context) => server.executeOperation({ query: operation.query, variables: operation.variables, operationName: operation.operationName }, { contextValue: await context() }),
          (r) => r.http.status ?? 200,
        );
        if (!response) return { status: 200, data: null, errors: [auditUnavailable()] };
        // graphql 16 has no incremental delivery, so the answer is always one result.
        if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported');
        return { status: response.http.status ?? 200, ...response.body.singleResult };
      },
      (r) => r?.status ?? 500,
    );
    inFlight.add(run);
    return run.finally(() => inFlight.delete(run));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/healthz') return send(res, 200, { 'content-type': 'application/json' }, '{"status":"ok"}');
    if (!req.url?.startsWith('/graphql')) return send(res, 404, { 'content-type': 'application/json' }, '{"error":"not found"}');
    const signed = header(req, INTERNAL_CONTEXT_HEADER);
    if (!signed) return refuse(res);
    // The context is good only for this subgraph and for the exact bytes it was signed with, so
    // those bytes are read first, and what is parsed below is what was checked.
    let raw: Buffer;
    try {
      raw = await readBodyBytes(req);
    } catch {
      return send(res, 400, { 'content-type': 'application/json' }, JSON.stringify({ errors: [{ message: 'Expected a JSON body of at most 1 MiB', extensions: { code: 'BAD_REQUEST' } }] }));
    }
    const request = options.signer.verify(signed, def.name, raw);
    if (!request) return refuse(res);
    // POST only: the signature covers the body, and a query in the URL (GET) would run unsigned.
    if (req.method !== 'POST') {
      return send(res, 405, { 'content-type': 'application/json', allow: 'POST' }, JSON.stringify({ errors: [{ message: `Expected POST, got ${req.method}`, extensions: { code: 'METHOD_NOT_ALLOWED' } }] }));
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return send(res, 400, { 'content-type': 'application/json' }, JSON.stringify({ errors: [{ message: 'Body is not JSON', extensions: { code: 'BAD_REQUEST' } }] }));
    }
    const result = await answer(
      request,
      (context) => server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context }),
      (r) => r.status ?? 200,
    );
    if (!result) return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ data: null, errors: [auditUnavailable()] }));
    const out: Record<string, string> = {};
    for (const [k, v] of result.headers) out[k] = v;
    if (result.body.kind === 'complete') return send(res, result.status ?? 200, out, result.body.string);
    res.writeHead(result.status ?? 200, out);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const http: Server = createServer((req, res) => {
    // With traces on, the request runs in its span (the gateway's fetch span its parent).
    traceSubgraphRequest(def.name, req.headers.traceparent, () => handle(req, res), () => res.statusCode).catch((err: unknown) => {
      log.error({ err }, 'request failed');
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      else res.end();
    });
  });
  // Keep connections from the gateway open between requests: a new TCP handshake per fetch costs more than the query.
  http.keepAliveTimeout = 65_000;
  const drain = gracefulClose(http);
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    name: def.name,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    inProcess,
    async close(options = {}) {
      closing = true;
      // The gateway's fetches in flight are answered and their audit records written first; see lib/drain.ts.
      await Promise.all([drain(options.drainMs), settledWithin(Promise.allSettled(inFlight), options.drainMs ?? DEFAULT_DRAIN_MS)]);
      await server.stop();
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** Reads a request body, refusing more than 1 MiB (no GraphQL request of ours is near that). */
export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8');
}

/** The request body's bytes as they came, at most `limit` of them. */
function readBodyBytes(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
