import { z } from 'zod';

/**
 * The one place that reads `process.env`. Everything else receives options.
 *
 * Each key documents its meaning and default; `loadConfig` validates all of them at start and
 * fails fast with one message listing every problem, so a misconfigured hub never half-starts.
 */

const url = z.string().url();
const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  /** Gateway port. */
  PORT: port.default(4000),
  /** Postgres URL for read models, consent and audit. Unset: embedded PGlite under DATA_DIR. */
  DATABASE_URL: url.optional(),
  /** Redis for BullMQ. */
  REDIS_URL: url.default('redis://127.0.0.1:6379'),
  /** Key prefix of the hub's queues in Redis: hubs sharing one Redis must each have their own. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'expected 1–40 of a–z 0–9 _ -').default('ontschot'),
  /** OIDC issuer whose tokens are accepted. Unset (with the two below): development mode. */
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_JWKS_URL: url.optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Base URL of a BRP API Personen v2; unset: the built-in stand-in. */
  BRP_API_URL: url.optional(),
  /** API key sent as X-API-KEY to the BRP API, if it wants one. */
  BRP_API_KEY: z.string().min(1).optional(),
  /** StUF endpoint of GWS; unset: the built-in stand-in. */
  GWS_STUF_URL: url.optional(),
  /** Base URL of the Jeugd/CJG iJw message feed; unset: the built-in stand-in. */
  JEUGD_FEED_URL: url.optional(),
  /** Folder the LAS writes its CSV exports to; unset: the built-in stand-in writes under DATA_DIR. */
  LAS_EXPORT_DIR: z.string().min(1).optional(),
  /** Where embedded state (PGlite, dev issuer key, LAS exports of the stand-in) lives. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Size of the synthetic municipality the stand-ins are seeded with. */
  INHABITANTS: z.coerce.number().int().min(20).max(90000).default(20000),
  /** HMAC key (≥ 32 chars) for the gateway→subgraph internal context. Unset: random per start. */
  INTERNAL_CONTEXT_KEY: z.string().min(32).optional(),
  /**
   * Ed25519 private key signing the audit log's chain heads: PKCS#8 PEM (newlines may be written
   * as \n) or base64 DER. Unset: a development key kept under DATA_DIR.
   */
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** Key id written with every signed head. Unset: derived from the public key. */
  AUDIT_SIGNING_KEY_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'expected 1–100 characters of A–Z a–z 0–9 . _ : -').optional(),
  /** Earlier signing keys still trusted when verifying (after a rotation): `keyId=base64 SPKI DER,…`. */
  AUDIT_TRUSTED_KEYS: z.string().regex(/^[A-Za-z0-9._:-]+=[A-Za-z0-9+/=]+(,[A-Za-z0-9._:-]+=[A-Za-z0-9+/=]+)*$/, 'expected keyId=base64 pairs separated by commas').optional(),
  /** How often each audit log stream's head is signed (ms). */
  AUDIT_SIGN_INTERVAL_MS: z.coerce.number().int().min(100).default(10000),
  /** Port of the first subgraph; the others follow in a fixed order. */
  SUBGRAPH_BASE_PORT: port.default(4101),
  /** Where the gateway finds each subgraph when parts run apart: `brp=http://…/graphql,wmo=…`. */
  SUBGRAPH_URLS: z
    .string()
    .regex(/^[a-z-]+=[^,\s]+(,[a-z-]+=[^,\s]+)*$/, 'expected name=url pairs separated by commas')
    .optional(),
  /** Host the hub's servers bind to. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the endpoint GWS pushes its StUF kennisgevingen (Lk01) to. */
  STUF_KENNISGEVING_PORT: port.default(4190),
  /** For the stand-ins run apart (docker-compose): where the GWS stand-in pushes its kennisgevingen. */
  GWS_KENNISGEVING_URL: url.optional(),
  /** StUF identity: our organisation (the gemeente code) and applications on both ends. */
  STUF_ORGANISATIE: z.string().regex(/^[0-9]{4}$/, 'expected a four-digit gemeente code').default('9999'),
  STUF_APPLICATIE: z.string().min(1).default('ONTSCHOT'),
  GWS_STUF_APPLICATIE: z.string().min(1).default('GWS4all'),
  GWS_STUF_ADMINISTRATIE: z.string().min(1).default('SOCIAAL'),
  /** The organisation register (YAML, as policy/organisaties.yaml); unset: the shipped one. */
  ORGANISATION_REGISTER: z.string().min(1).optional(),
  /** How often the Jeugd feed is polled (ms). */
  JEUGD_POLL_MS: z.coerce.number().int().min(100).default(2000),
  /** How often the LAS export folder is checked for a new export (ms). */
  LAS_IMPORT_MS: z.coerce.number().int().min(1000).default(60000),
});

export type Config = z.infer<typeof schema> & {
  /** True when no OIDC issuer is configured: tokens come from the local dev issuer. */
  devAuth: boolean;
  /** True when REDIS_URL was set: then the hub never starts a private redis-server. */
  redisExplicit: boolean;
};

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** `SUBGRAPH_URLS` as a map, or undefined when unset. */
export function parseSubgraphUrls(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  return Object.fromEntries(value.split(',').map((pair) => pair.split('=', 2) as [string, string]));
}

/** Validates the environment once. Throws ConfigError naming each bad key (never its value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const auth = [parsed.data.AUTH_ISSUER, parsed.data.AUTH_JWKS_URL, parsed.data.AUTH_AUDIENCE];
  const given = auth.filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new ConfigError('invalid configuration:\n  AUTH_ISSUER, AUTH_JWKS_URL and AUTH_AUDIENCE go together: set all three or none');
  }
  return { ...parsed.data, devAuth: given === 0, redisExplicit: relevant.REDIS_URL !== undefined };
}
