import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../lib/db';
import { Policy, type Basis, type Decision, type RequestContext, type RequestPolicy } from '../policy';
import { OpaqueIds } from '../lib/opaque';
import { BENCH_ID_KEY } from './env';
import { jitExecutor } from './jit';
import { PersonDirectory, type StoredRecord } from '../read-model';
import { SUBGRAPHS } from '../subgraphs';
import { formatError, readBody, type RunningSubgraph, type SubgraphContext, type SubgraphDefinition } from '../subgraphs/common/server';
import { DossierReads } from '../subgraphs/common/dossier';

/**
 * Build B (and the subgraphs under C and D): the same SDL, resolvers, loaders and read models as
 * the hub, but served the way a municipality would assemble a federation itself — plain
 * `buildSubgraphSchema` without `enforcePolicy`, no audit, no internal-context check, and a plain
 * @apollo/gateway (or Hive Gateway) without authentication or purpose checks. It exists only in
 * the bench harness.
 *
 * The HTTP layer mirrors the hub's (subgraphs/common/server.ts, gateway/index.ts) line for line
 * minus the policy steps, so that A − B measures the guarantees, not a different HTTP stack.
 */

const ALLOW: Decision = { allowed: true, basis: 'WETTELIJKE_TAAK' };

/**
 * Resolvers ask `ctx.policy` for what to show of lists and derived views (household members,
 * domains, a dossier's records). Without a policy layer everything is shown, nothing recorded.
 */
class AllowAll {
  readonly today = new Date().toISOString().slice(0, 10);
  readonly isThirdParty = false;
  readonly recorder = { disclosed: () => undefined, withheld: () => undefined, processedWithoutSubject: () => undefined };
  constructor(readonly request: RequestContext) {}
  decide(): Decision {
    return ALLOW;
  }
  basisFor(): Basis {
    return 'WETTELIJKE_TAAK';
  }
  guard(): void {}
  guardUnscoped(): void {}
  async visible<T>(items: readonly T[]): Promise<T[]> {
    return [...items];
  }
  async visibleRecords(records: readonly StoredRecord[]): Promise<StoredRecord[]> {
    return [...records];
  }
}

/** What plain subgraphs put where the hub puts the verified caller: a fixed, anonymous one. */
const PLAIN_REQUEST: RequestContext = {
  actor: { sub: 'bench-plain', organisatie: 'gemeente', rollen: ['regisseur'] },
  doel: 'INTEGRALE_AANPAK',
  traceId: '0'.repeat(31) + '1',
  spanId: '0'.repeat(15) + '1',
  operationName: null,
  documentHash: null,
};

const ALLOW_ALL = new AllowAll(PLAIN_REQUEST) as unknown as RequestPolicy;

/** A plain subgraph: served over HTTP only. */
type PlainSubgraph = Pick<RunningSubgraph, 'name' | 'url' | 'close'>;

/** Starts one subgraph without the policy layer on its own HTTP server (F: executed by graphql-jit). */
async function startPlainSubgraph<L>(def: SubgraphDefinition<L>, options: { host?: string; port?: number; jit?: boolean } = {}): Promise<PlainSubgraph> {
  // The resolver map type is not exported by every @apollo/subgraph 2.x; the shape is the hub's own.
  const schema = buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers }] as unknown as Parameters<typeof buildSubgraphSchema>[0]);
  const server = new ApolloServer<SubgraphContext<L>>({
    ...(options.jit ? { gateway: jitExecutor(schema) } : { schema }),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const http = await listen(
    async (req, res) => {
      if (!req.url?.startsWith('/graphql')) return send(res, 404, { 'content-type': 'application/json' }, '{"error":"not found"}');
      // A context object per request, as the hub's subgraphs have over HTTP: nothing is shared between requests.
      const request = { ...PLAIN_REQUEST };
      const context = async (): Promise<SubgraphContext<L>> => ({ request, loaders: def.createLoaders(request), policy: ALLOW_ALL });
      const raw = await readBody(req);
      let body: unknown;
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return send(res, 400, { 'content-type': 'application/json' }, '{"errors":[{"message":"Body is not JSON"}]}');
      }
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers: headerMap(req), search: new URL(req.url, 'http://x').search, body },
        context,
      });
      await writeResult(res, result, {});
    },
    options,
  );
  return {
    name: def.name,
    url: `http://${options.host ?? '127.0.0.1'}:${(http.address() as AddressInfo).port}/graphql`,
    async close() {
      await closeHttp(http);
      await server.stop();
    },
  };
}

/** Every subgraph of the hub, plain, each on its own port (as in the hub's one-process mode). */
export async function startPlainSubgraphs(db: Db, options: { host?: string; names?: string[]; jit?: boolean } = {}): Promise<PlainSubgraph[]> {
  const running: PlainSubgraph[] = [];
  // The same read models and stores as the hub's; only the per-request policy is AllowAll.
  const persons = new PersonDirectory(db);
  const deps = { db, persons, policy: new Policy({ db, persons }), ids: new OpaqueIds(BENCH_ID_KEY), dossierReads: new DossierReads(db) };
  for (const s of SUBGRAPHS) {
    if (options.names && !options.names.includes(s.name)) continue;
    running.push(await startPlainSubgraph(s.create(deps), { host: options.host, jit: options.jit }));
  }
  return running;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A listening gateway as the bench holds it: its port, its GraphQL URL, and how to stop it after its HTTP server. */
function runningServer(http: Server, host: string | undefined, stop: () => unknown): RunningServer {
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host ?? '127.0.0.1'}:${port}/graphql`,
    async close() {
      await closeHttp(http);
      await stop();
    },
  };
}

/** B: a plain @apollo/gateway over the committed supergraph, no auth, no purpose, no signing. */
export async function startPlainGateway(options: { supergraphSdl: string; subgraphUrls: Record<string, string>; host?: string }): Promise<RunningServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // B is @apollo/gateway as it comes, with its default fetcher.
    buildService: ({ name }) => new RemoteGraphQLDataSource({ url: options.subgraphUrls[name] }),
  });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  const http = await listen(
    async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/graphql' || req.method !== 'POST') return send(res, 404, { 'content-type': 'application/json' }, '{"errors":[{"message":"Not found"}]}');
      let body: unknown;
      try {
        const raw = await readBody(req);
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return send(res, 400, { 'content-type': 'application/json' }, '{"errors":[{"message":"Bad request"}]}');
      }
      const result = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers: headerMap(req), search: '', body }, context: async () => ({}) });
      await writeResult(res, result, {});
    },
    { host: options.host },
  );
  return runningServer(http, options.host, () => server.stop());
}

/** The committed supergraph with each placeholder URL (gateway/compose.ts) replaced by a real one. */
function withSubgraphUrls(supergraphSdl: string, urls: Record<string, string>): string {
  return supergraphSdl.replace(/http:\/\/([a-z-]+)\.subgraph\.ontschot\.invalid\/graphql/g, (whole, name: string) => urls[name] ?? whole);
}

/**
 * C: Hive Gateway's runtime (npm package, programmatic API) over the same plain supergraph, with
 * its JavaScript query planner; E: the same with Hive Router's query planner in Rust
 * (@graphql-hive/router-runtime, a native module inside the npm package).
 */
export async function startHiveGateway(options: { supergraphSdl: string; subgraphUrls: Record<string, string>; host?: string; rustPlanner?: boolean }): Promise<RunningServer> {
  // Loaded lazily: it is ESM-first and large; A, B and D processes never load it.
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const router = options.rustPlanner ? await import('@graphql-hive/router-runtime') : undefined;
  const runtime = createGatewayRuntime({
    supergraph: withSubgraphUrls(options.supergraphSdl, options.subgraphUrls),
    ...(router ? { unifiedGraphHandler: router.unifiedGraphHandler } : {}),
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  const http = createServer(runtime);
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => http.listen(0, options.host ?? '127.0.0.1', resolve));
  return runningServer(http, options.host, () => runtime.dispose());
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return headers;
}

async function writeResult(res: ServerResponse, result: Awaited<ReturnType<ApolloServer['executeHTTPGraphQLRequest']>>, extra: Record<string, string>): Promise<void> {
  const out: Record<string, string> = { ...extra };
  for (const [k, v] of result.headers) out[k] = v;
  if (result.body.kind === 'complete') return send(res, result.status ?? 200, out, result.body.string);
  res.writeHead(result.status ?? 200, out);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, options: { host?: string; port?: number }): Promise<Server> {
  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, '{"errors":[{"message":"Internal error"}]}');
      else res.end();
    });
  });
  // Same as the hub's servers: keep the gateway's connections open between requests.
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  return http;
}

function closeHttp(http: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}
