import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '../../gateway/auth';
import { startHub, type Hub } from '../../hub';
import { loadConfig } from '../../lib/config';
import type { Logger } from '../../lib/log';
import type { Municipality } from '../../municipality/types';
import type { Role } from '../../policy/types';
import { isolatedDatabase, TEST_REDIS_URL, uniqueName } from './env';

export interface TestHub {
  hub: Hub;
  dataDir: string;
  /** The Redis key prefix of this hub's queues (unique per test hub). */
  queuePrefix: string;
  token(role: Role, org?: string): Promise<string>;
  /** POSTs a GraphQL request through the real gateway. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLBody; headers: Headers }>;
  /** A query as `role` claiming `purpose`. */
  query(role: Role, purpose: string, query: string, options?: { variables?: object; org?: string; headers?: Record<string, string> }): Promise<GraphQLBody>;
  close(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/**
 * Starts the whole hub for a test, for real: stand-ins, real Redis, real Postgres in a schema of
 * its own (or embedded PGlite), every subgraph on its own port and the gateway.
 */
export async function startTestHub(
  options: {
    embedded?: boolean;
    inhabitants?: number;
    env?: Record<string, string>;
    municipality?: Municipality;
    clock?: () => Date;
    /** Where the hub logs (test/support/log.ts captureLogger); unset: nowhere. */
    logger?: Logger;
    /**
     * Restart tests: the database, DATA_DIR and queue prefix of an earlier hub. Given, they are
     * used as they are and left in place by close(); the test owns them.
     */
    reuse?: { databaseUrl?: string; dataDir?: string; queuePrefix?: string };
  } = {},
): Promise<TestHub> {
  const dataDir = options.reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'ontschot-test-'));
  const database = options.embedded || options.reuse?.databaseUrl ? null : await isolatedDatabase();
  const databaseUrl = options.reuse?.databaseUrl ?? database?.url;
  const config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    DATA_DIR: dataDir,
    INHABITANTS: String(options.inhabitants ?? 400),
    ORGANISATION_REGISTER: join(__dirname, 'organisaties.yaml'),
    // Many test hubs share two cores: the load shedder and the rate limits would refuse requests
    // that a test means to be answered. test/abuse sets its own, to test them.
    RATE_LIMITS: 'default=1000000,partner=1000000,anonymous=1000000',
    SHED_MAX_IN_FLIGHT: '100000',
    SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const queuePrefix = options.reuse?.queuePrefix ?? uniqueName('test');
  const hub = await startHub({ config, randomPorts: true, queuePrefix, municipality: options.municipality, clock: options.clock, logger: options.logger });
  const tokens = new Map<string, string>();
  const token = async (role: Role, org?: string) => {
    const key = `${role}|${org ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await issueDevToken(dataDir, { role, org }));
    return tokens.get(key)!;
  };
  const post: TestHub['post'] = async (body, headers = {}) => {
    // As current GraphQL clients ask: the GraphQL response type first, so a document the hub
    // refuses comes back as HTTP 400 (application/json alone would make it 200, see docs/CONTRACT.md).
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as GraphQLBody, headers: res.headers };
  };
  return {
    hub,
    dataDir,
    queuePrefix,
    token,
    post,
    async query(role, purpose, query, opts = {}) {
      const res = await post({ query, variables: opts.variables }, { authorization: `Bearer ${await token(role, opts.org)}`, 'x-purpose': purpose, ...opts.headers });
      return res.body;
    },
    async close() {
      await hub.close();
      await database?.drop();
      if (!options.reuse?.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
