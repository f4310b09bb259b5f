import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isRole, type Role } from '../policy';
import { sendError } from './edge';

/**
 * What the gateway serves to browsers besides the API: the built web app (web/dist: the privacy
 * console at /privacy, the API explorer at GET /graphql), its sign-in configuration, development
 * tokens in development mode, and CORS for the configured origins. The pages hold no privilege:
 * they call POST /graphql like any client, with the caller's own token.
 */

/** How the console signs in: development tokens, OIDC (authorization code + PKCE), or not at all. */
export type ConsoleAuth = { auth: 'dev' } | { auth: 'oidc'; issuer: string; clientId: string; audience: string } | { auth: 'none' };

export interface WebOptions {
  /** The built web app; absent (not built): its routes answer 404. @defaultValue web/dist */
  webDir?: string;
  /** Serve the API explorer at GET /graphql (development mode, or EXPLORER_ENABLED). */
  explorer: boolean;
  consoleAuth: ConsoleAuth;
  /** Development mode only: mints a token for a role (and partner organisation). */
  devTokens?: (claims: { role: Role; org?: string; sub?: string }) => Promise<string>;
  /** Origins whose pages may call the API (CORS_ORIGINS); none: no CORS at all. */
  corsOrigins: readonly string[];
}

const DEFAULT_WEB_DIR = join(__dirname, '..', 'web', 'dist');

/**
 * The pages' Content-Security-Policy: everything from the hub itself (no CDN; the explorer works
 * offline), scripts only from files, and connections only to the hub and the OIDC issuer.
 */
function contentSecurityPolicy(auth: ConsoleAuth): string {
  const issuer = auth.auth === 'oidc' ? ` ${new URL(auth.issuer).origin}` : '';
  return `default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'${issuer}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'${issuer}`;
}

export async function registerWeb(app: FastifyInstance, options: WebOptions): Promise<{ explorerPage(reply: FastifyReply): FastifyReply | undefined }> {
  if (options.corsOrigins.length) {
    const allowed = new Set(options.corsOrigins);
    await app.register(cors, {
      // Only the configured origins; any other gets no CORS headers, so its browser blocks it.
      origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
      methods: ['POST'],
      allowedHeaders: ['Authorization', 'X-Purpose', 'Content-Type', 'traceparent'],
      exposedHeaders: ['traceparent', 'Retry-After', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
    });
  }

  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  const built = existsSync(join(webDir, 'privacy.html'));
  const csp = contentSecurityPolicy(options.consoleAuth);
  const page = (name: 'privacy.html' | 'explorer.html') => (built ? readFileSync(join(webDir, name), 'utf8') : null);
  const privacy = page('privacy.html');
  const explorer = options.explorer ? page('explorer.html') : null;
  const sendPage = (reply: FastifyReply, html: string) =>
    reply.header('content-security-policy', csp).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);

  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/ui/',
      // The HTML entries are served at their own paths, with the policy above.
      allowedPath: (path) => !path.endsWith('.html'),
      setHeaders: (res) => {
        res.header('content-security-policy', csp);
        res.header('x-content-type-options', 'nosniff');
      },
    });
  }
  app.get('/ui/config.json', async (_request, reply) => reply.header('cache-control', 'no-store').send(options.consoleAuth));
  const consolePage = async (_request: unknown, reply: FastifyReply) =>
    privacy ? sendPage(reply, privacy) : sendError(reply, { status: 404, code: 'NOT_FOUND', message: 'The privacy console is not built (npm run build:web)' });
  app.get('/privacy', consolePage);
  app.get('/privacy/*', consolePage);

  app.post('/dev/token', async (request, reply) => {
    if (!options.devTokens) return sendError(reply, { status: 404, code: 'NOT_FOUND', message: 'Not found: use POST /graphql' });
    const body = request.body as { role?: unknown; org?: unknown; sub?: unknown } | undefined;
    const role = body?.role;
    const org = body?.org;
    const sub = body?.sub;
    if (!isRole(role) || (org !== undefined && (typeof org !== 'string' || !/^[a-z0-9-]{1,64}$/.test(org))) || (sub !== undefined && (typeof sub !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(sub)))) {
      return sendError(reply, { status: 400, code: 'BAD_REQUEST', message: 'Expected { role } with a known role, and optionally org and sub' });
    }
    return reply.header('cache-control', 'no-store').send({ token: await options.devTokens({ role, ...(org ? { org } : {}), ...(sub ? { sub } : {}) }) });
  });

  return { explorerPage: (reply) => (explorer ? sendPage(reply, explorer) : undefined) };
}
