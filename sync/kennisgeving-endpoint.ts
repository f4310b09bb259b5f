import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { KennisgevingError, foutbericht, ontvangKennisgeving, type Kennisgeving, type StufSysteem } from '../adapters/gws';
import { readBody } from '../subgraphs/common/server';
import { silentLogger, type Logger } from '../lib/log';

/**
 * How GWS proves it is GWS, on top of the stuurgegevens (which anyone can write). At least one of
 * the two; with both, both are checked.
 * - `tls`: mutual TLS. The endpoint speaks https only and the TLS handshake refuses a client
 *   without a certificate issued by `ca` (PEM contents, not paths).
 * - `key`: a shared key GWS sends as `Authorization: Bearer <key>`.
 */
export interface KennisgevingCredential {
  tls?: { cert: string | Buffer; key: string | Buffer; ca: string | Buffer };
  key?: string;
}

export interface KennisgevingEndpointOptions {
  /** Who we are to GWS: kennisgevingen for anyone else are refused with a Fo01 (StUF010). */
  ontvanger: StufSysteem;
  /** The GWS we know: kennisgevingen from any other zender are refused (StUF013). */
  zender: StufSysteem;
  credential: KennisgevingCredential;
  /** Stores the kennisgeving durably (a queued job); the Bv01 is sent only after it resolves. */
  verwerk: (k: Kennisgeving) => Promise<void>;
  port?: number;
  host?: string;
  /** Where each refusal is reported, one warning each, without personal data. @defaultValue no output */
  logger?: Logger;
}

export interface KennisgevingEndpoint {
  url: string;
  /** Refusals since start, per reason (the StUF foutcode sent back). */
  readonly refusals: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** A kennisgeving is a few kilobytes; this leaves room for a large W and refuses anything absurd. */
const MAX_BODY_BYTES = 4 << 20;
const XML = 'text/xml; charset=utf-8';

const REASON: Record<KennisgevingError['foutcode'], string> = {
  StUF052: 'credential missing or wrong',
  StUF013: 'unknown zender',
  StUF010: 'not addressed to us',
  StUF055: 'message not per schema',
  StUF028: 'unknown entiteittype',
};

/** For the log: a StUF identity part only when it looks like one (no free text, nothing like a BSN). */
function safePart(value: string | undefined): string {
  if (value === undefined) return '-';
  return /^[A-Za-z0-9._-]{1,40}$/.test(value) && !/^\d{9}$/.test(value) ? value : '?';
}

function describeZender(z: StufSysteem | null): string {
  return z ? `${safePart(z.organisatie)}/${safePart(z.applicatie)}/${safePart(z.administratie)}` : 'unknown';
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The HTTP(S) endpoint GWS pushes its StUF kennisgevingen (Lk01) to. A message is accepted only
 * with the credential and from the GWS named in `zender`; even then the hub takes only the key of
 * what changed from it and reads the record itself from GWS (sync/jobs.ts). It answers Bv01 only
 * once the change is queued in Redis, so a crash between receipt and processing loses nothing:
 * GWS keeps retrying until it has our Bv01.
 */
export async function startKennisgevingEndpoint(options: KennisgevingEndpointOptions): Promise<KennisgevingEndpoint> {
  const { credential, ontvanger } = options;
  if (!credential.tls && !credential.key) throw new TypeError('expected a credential for the kennisgeving endpoint: tls, key or both');
  if (credential.key !== undefined && credential.key.length < 32) throw new RangeError('expected a kennisgeving key of at least 32 characters');
  const log = options.logger ?? silentLogger;
  const expectedKey = credential.key === undefined ? null : digest(credential.key);
  const refusals: Record<string, number> = {};

  function refused(req: IncomingMessage, foutcode: KennisgevingError['foutcode'], zender: StufSysteem | null): void {
    refusals[foutcode] = (refusals[foutcode] ?? 0) + 1;
    const total = Object.values(refusals).reduce((a, b) => a + b, 0);
    const from = req.socket.remoteAddress ?? 'unknown';
    log.warn({ foutcode, zender: describeZender(zender), from, refusedSinceStart: total }, `stuf kennisgeving refused: ${foutcode} (${REASON[foutcode]}), zender ${describeZender(zender)}, from ${from}; ${total} refused since start`);
  }

  /** The bearer key, compared in constant time (over digests, so lengths do not leak either). */
  function hasKey(req: IncomingMessage): boolean {
    if (!expectedKey) return true;
    const m = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '');
    return m !== null && timingSafeEqual(digest(m[1]), expectedKey);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    // With TLS the handshake already refused anyone without a valid client certificate; this is
    // a second look, should the server ever be started without rejectUnauthorized.
    const tlsOk = !credential.tls || (req.socket as TLSSocket).authorized === true;
    if (!tlsOk || !hasKey(req)) {
      // Nothing of an unauthenticated message is read: the refusal names no zender.
      refused(req, 'StUF052', null);
      const fout = new KennisgevingError('expected the credential agreed with the hub, got none or another', null, null, 'StUF052');
      res.writeHead(401, { 'content-type': XML, 'www-authenticate': 'Bearer', connection: 'close' }).end(foutbericht(fout, ontvanger));
      return;
    }
    let xml: string;
    try {
      xml = await readBody(req, MAX_BODY_BYTES);
    } catch {
      if (!res.headersSent) res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const answer = await ontvangKennisgeving(xml, { ontvanger, zender: options.zender, verwerk: options.verwerk });
    if (answer.geweigerd) refused(req, answer.geweigerd.foutcode, answer.geweigerd.zender);
    res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(503).end();
    });
  };
  const server: Server = credential.tls
    ? createHttpsServer({ cert: credential.tls.cert, key: credential.tls.key, ca: credential.tls.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${credential.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}/stuf/kennisgevingen`,
    refusals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
