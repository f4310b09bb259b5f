/**
 * The kennisgeving endpoint's transport credential, against the real GWS stand-in pushing to it:
 * mutual TLS (a client without a certificate of the agreed CA never gets past the handshake) and
 * the shared bearer key. Certificates are made for the test with the openssl command line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kennisgeving } from '../adapters/gws';
import { startGwsSimulator, type GwsSimulator, type KennisgevingAuth } from '../adapters/gws/simulator';
import { buildMunicipality, wmoVoorziening } from '../adapters/gws/test-support/municipality-fixture';
import { loadConfig } from '../lib/config';
import { startKennisgevingEndpoint, type KennisgevingCredential, type KennisgevingEndpoint } from './kennisgeving-endpoint';
import { captureLogger } from '../test/support/log';

const HUB = { organisatie: '0999', applicatie: 'ONTSCHOT' };
const GWS = { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' };
const KEY = 'a-shared-key-of-more-than-32-characters';
const RETRY = { initialDelayMs: 10, maxDelayMs: 40, timeoutMs: 2000 };

const dir = mkdtempSync(join(tmpdir(), 'ontschot-tls-'));
const file = (name: string) => join(dir, name);
const pem = (name: string) => readFileSync(file(name));

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, and a certificate it signs for `cn` (a server for 127.0.0.1, or a client). */
function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`);
}
function makeCert(name: string, ca: string, usage: 'server' | 'client'): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  writeFileSync(file(`${name}.ext`), usage === 'server' ? 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' : 'extendedKeyUsage=clientAuth\n');
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
}

beforeAll(() => {
  makeCa('ca');
  makeCert('server', 'ca', 'server');
  makeCert('gws', 'ca', 'client');
  makeCa('other-ca');
  makeCert('intruder', 'other-ca', 'client');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the kennisgeving endpoint', () => {
  let endpoint: KennisgevingEndpoint | undefined;
  let sim: GwsSimulator | undefined;
  let received: Kennisgeving[];
  let log: ReturnType<typeof captureLogger>;

  beforeEach(() => {
    received = [];
    log = captureLogger();
  });
  afterEach(async () => {
    await sim?.close();
    await endpoint?.close();
    sim = undefined;
    endpoint = undefined;
  });

  async function start(credential: KennisgevingCredential): Promise<KennisgevingEndpoint> {
    endpoint = await startKennisgevingEndpoint({
      ontvanger: HUB,
      zender: GWS,
      credential,
      verwerk: async (k) => void received.push(k),
      logger: log.logger,
    });
    return endpoint;
  }

  async function push(auth: KennisgevingAuth): Promise<GwsSimulator> {
    sim = await startGwsSimulator({ municipality: buildMunicipality({ wmo: [] }), kennisgevingUrl: endpoint!.url, kennisgevingRetry: RETRY, kennisgevingAuth: auth });
    await sim.upsertWmoVoorziening(wmoVoorziening({ toewijzingNummer: 'WMO-000700', bsn: '999990019' }));
    return sim;
  }

  /** An https POST as `cert`/`key` (or without a certificate); resolves with the status, rejects when the handshake fails. */
  function postTls(url: string, client?: { cert: Buffer; key: Buffer }): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', ca: pem('ca.pem'), ...(client ?? {}), headers: { 'content-type': 'text/xml' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('<x/>');
    });
  }

  describe('with mutual TLS', () => {
    const tls = () => ({ cert: pem('server.pem'), key: pem('server.key'), ca: pem('ca.pem') });

    it('takes the push of a GWS holding a client certificate of the agreed CA', async () => {
      const e = await start({ tls: tls() });
      expect(e.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/stuf\/kennisgevingen$/);
      const gws = await push({ clientCertificate: { cert: pem('gws.pem'), key: pem('gws.key'), ca: pem('ca.pem') } });
      await gws.whenKennisgevingenDelivered(5000);
      expect(gws.kennisgevingen).toMatchObject({ delivered: 1, rejected: 0 });
      expect(received.map((k) => [k.soort, k.sleutel])).toEqual([['T', 'WMO-000700']]);
    });

    it('refuses a client without a certificate, or with one of another CA, in the TLS handshake', async () => {
      const e = await start({ tls: tls() });
      await expect(postTls(e.url)).rejects.toThrow();
      await expect(postTls(e.url, { cert: pem('intruder.pem'), key: pem('intruder.key') })).rejects.toThrow();
      await expect(fetch(e.url.replace('https:', 'http:'), { method: 'POST', body: '<x/>' }).then((r) => r.status)).rejects.toThrow();
      // The stand-in without a certificate keeps its kennisgeving and retries: the hub never answered.
      const gws = await push({ clientCertificate: { cert: pem('intruder.pem'), key: pem('intruder.key'), ca: pem('ca.pem') } });
      await expect(gws.whenKennisgevingenDelivered(300)).rejects.toThrow();
      expect(gws.kennisgevingen).toMatchObject({ pending: 1, delivered: 0 });
      expect(received).toEqual([]);
    });

    it('checks the bearer key as well when both are configured', async () => {
      const e = await start({ tls: tls(), key: KEY });
      const client = { cert: pem('gws.pem'), key: pem('gws.key') };
      expect(await postTls(e.url, client)).toBe(401);
      const gws = await push({ clientCertificate: { ...client, ca: pem('ca.pem') }, bearerKey: KEY });
      await gws.whenKennisgevingenDelivered(5000);
      expect(received).toHaveLength(1);
    });
  });

  describe('with a shared key', () => {
    it('takes the push of a GWS that sends the key', async () => {
      await start({ key: KEY });
      const gws = await push({ bearerKey: KEY });
      await gws.whenKennisgevingenDelivered(5000);
      expect(gws.kennisgevingen).toMatchObject({ delivered: 1, rejected: 0 });
      expect(received.map((k) => k.sleutel)).toEqual(['WMO-000700']);
      expect(log.messages()).toEqual([]);
    });

    it.each([
      ['no key', {}],
      ['a wrong key', { bearerKey: `${KEY}-but-not-quite` }],
    ])('refuses a push with %s (HTTP 401, Fo01 StUF052 plek client), logs one line without data, processes nothing', async (_what, auth) => {
      const e = await start({ key: KEY });
      const gws = await push(auth);
      await gws.whenKennisgevingenDelivered(5000);
      // Plek client: the stand-in sets it aside rather than retrying a message that cannot pass.
      expect(gws.kennisgevingen).toMatchObject({ delivered: 0, rejected: 1 });
      expect(received).toEqual([]);
      expect(e.refusals).toEqual({ StUF052: 1 });
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0]).toMatchObject({ level: 'warn', foutcode: 'StUF052', zender: 'unknown', refusedSinceStart: 1 });
      expect(log.messages()[0]).toMatch(/^stuf kennisgeving refused: StUF052 \(credential missing or wrong\), zender unknown, from 127\.0\.0\.1; 1 refused since start$/);

      const res = await fetch(e.url, { method: 'POST', headers: { 'content-type': 'text/xml', authorization: 'Bearer nope' }, body: '<x>999990019</x>' });
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).toMatch(/<faultcode>soap:Client<\/faultcode>/);
      expect(body).toContain('<StUF:code>StUF052</StUF:code>');
      expect(body).not.toContain('999990019');
    });

    it('refuses to start without a credential or with a short key', async () => {
      await expect(startKennisgevingEndpoint({ ontvanger: HUB, zender: GWS, credential: {}, verwerk: async () => undefined })).rejects.toThrow(/credential/);
      await expect(startKennisgevingEndpoint({ ontvanger: HUB, zender: GWS, credential: { key: 'short' }, verwerk: async () => undefined })).rejects.toThrow(/32/);
    });

    it('answers 405 to anything but POST', async () => {
      const e = await start({ key: KEY });
      const res = await fetch(e.url, { headers: { authorization: `Bearer ${KEY}` } });
      expect(res.status).toBe(405);
    });
  });
});

describe('the kennisgeving credential in the configuration', () => {
  const auth = { AUTH_ISSUER: 'https://login.example.nl', AUTH_JWKS_URL: 'https://login.example.nl/jwks', AUTH_AUDIENCE: 'ontschot' };

  it('takes the three TLS paths together, and refuses a partial set or a missing file, naming the variable', () => {
    expect(loadConfig({ STUF_TLS_CERT: file('server.pem'), STUF_TLS_KEY: file('server.key'), STUF_TLS_CA: file('ca.pem') }).STUF_TLS_CA).toBe(file('ca.pem'));
    expect(() => loadConfig({ STUF_TLS_CERT: file('server.pem') })).toThrow(/STUF_TLS_CERT, STUF_TLS_KEY and STUF_TLS_CA go together/);
    expect(() => loadConfig({ STUF_TLS_CERT: file('server.pem'), STUF_TLS_KEY: file('server.key'), STUF_TLS_CA: file('absent.pem') })).toThrow(/STUF_TLS_CA: expected the path of a PEM file/);
  });

  it('wants a key of at least 32 characters', () => {
    expect(() => loadConfig({ STUF_KENNISGEVING_KEY: 'too-short' })).toThrow(/STUF_KENNISGEVING_KEY/);
    expect(loadConfig({ STUF_KENNISGEVING_KEY: KEY }).STUF_KENNISGEVING_KEY).toBe(KEY);
  });

  it('outside development mode (AUTH_* set) refuses to start the endpoint without a credential', () => {
    expect(() => loadConfig(auth)).toThrow(/STUF_KENNISGEVING_KEY or STUF_TLS_CERT/);
    expect(loadConfig({ ...auth, STUF_KENNISGEVING_KEY: KEY }).devAuth).toBe(false);
    expect(loadConfig({ ...auth, STUF_TLS_CERT: file('server.pem'), STUF_TLS_KEY: file('server.key'), STUF_TLS_CA: file('ca.pem') }).devAuth).toBe(false);
  });
});
