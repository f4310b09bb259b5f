/**
 * GWS stand-in: a GWS4all-like back office holding Wmo voorzieningen and Participatiewet
 * uitkeringen, speaking StUF 3.01 over SOAP 1.1.
 *
 * - `POST {url}` takes a `wvzLv01` or `uitLv01` vraagbericht and answers `La01`, paged with
 *   `maximumAantal` + `indicatorVervolgvraag` + `start`, or a `Fo02` inside a SOAP Fault (500).
 * - Every change made through `upsert*` / `remove*` is pushed as an `Lk01` kennisgeving to the
 *   afnemer at `kennisgevingUrl`, which must confirm it with a `Bv01`; until then it waits in an
 *   outbox and is retried with backoff. The push carries the credential in `kennisgevingAuth`
 *   (a bearer key and/or a TLS client certificate), as the hub's endpoint demands.
 *
 * It never imports the adapter: it writes and reads its XML with its own code (stuf-wire.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Municipality, Uitkering, WmoVoorziening } from '../../../municipality/types';
import { Outbox, type KennisgevingAuth, type OutboxOptions, type OutboxStats } from './outbox';
import { SOC_NS, envelope, stuurgegevens, tijdstip, uitObject, wvzObject, type StufSystem } from './stuf-wire';
import { fo02, la01, parseVraag, selectPage, type AnswerContext } from './vraag';

export type { KennisgevingAuth } from './outbox';

interface GwsSimulatorOptions {
  /** The world the stand-in is seeded from; copied, so later changes to it do not leak in. */
  municipality: Municipality;
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** Where Lk01 kennisgevingen are pushed; none are sent while unset. */
  kennisgevingUrl?: string;
  /** Clock for tijdstipBericht. @defaultValue () => new Date() */
  now?: () => Date;
  /**
   * Who the stand-in is: the ontvanger a vraag must name, the zender of its answers.
   * @defaultValue `{ organisatie: municipality.gemeenteCode, applicatie: 'GWS4all', administratie: 'SOCIAAL' }`
   */
  systeem?: StufSystem;
  /**
   * The ontvanger named in kennisgevingen.
   * @defaultValue `{ organisatie: municipality.gemeenteCode, applicatie: 'ONTSCHOT' }`
   */
  afnemer?: StufSystem;
  /** Most objects in one La01, whatever maximumAantal asks. @defaultValue 100 */
  maxPageSize?: number;
  /** Retry behaviour of the kennisgeving outbox. */
  kennisgevingRetry?: OutboxOptions;
  /** The credential the outbox presents to the afnemer: a bearer key, a client certificate, or both. */
  kennisgevingAuth?: KennisgevingAuth;
}

export interface GwsSimulator {
  /** SOAP endpoint; POST vraagberichten here. */
  readonly url: string;
  /** Number of HTTP requests received on the endpoint, answered or not. */
  readonly requests: number;
  /** Outbox counters: pending, delivered (Bv01), rejected (Fo01 plek client), failedAttempts. */
  readonly kennisgevingen: OutboxStats;
  close(): Promise<void>;
  /** Inserts (kennisgeving T) or replaces (W, with oud and nieuw) by toewijzingNummer; no-op if unchanged. */
  upsertWmoVoorziening(v: WmoVoorziening): Promise<void>;
  /** Inserts (T) or replaces (W) by dossierNummer; no-op if unchanged. */
  upsertUitkering(u: Uitkering): Promise<void>;
  /** Removes (kennisgeving V); resolves false when there was nothing to remove. */
  removeWmoVoorziening(toewijzingNummer: string): Promise<boolean>;
  removeUitkering(dossierNummer: string): Promise<boolean>;
  /** `false`: every request gets HTTP 503 and the outbox pauses, as when the back office is down. */
  setAvailable(up: boolean): void;
  /**
   * Stops serving, as a GWS whose StUF service went down: its port refuses connections and the
   * outbox holds its kennisgevingen. What it holds stays, and changes can still be made (its
   * users keep working in GWS itself); `start()` serves again on the same port and URL.
   */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Points the outbox elsewhere (or nowhere); pending kennisgevingen go to the new URL at once. */
  setKennisgevingUrl(url: string | undefined): void;
  /** Resolves when the outbox is empty; rejects after `timeoutMs` (default 10 s). */
  whenKennisgevingenDelivered(timeoutMs?: number): Promise<void>;
  /** Copies of what the stand-in holds now, in key order: what tests compare the hub's copy with. */
  snapshot(): { wmo: WmoVoorziening[]; uitkeringen: Uitkering[] };
}

/** Largest request body accepted; a vraagbericht is a few kilobytes. */
const MAX_BODY_BYTES = 1 << 20;
const ENDPOINT_PATH = '/gws/stuf/0301';

/** Records of one entity type kept by key, with the keys sorted for stable paging. */
class Register<T> {
  readonly byKey = new Map<string, T>();
  readonly keys: string[] = [];

  constructor(private readonly keyOf: (item: T) => string) {}

  /** Returns the previous version, if any. */
  put(item: T): T | undefined {
    const key = this.keyOf(item);
    const previous = this.byKey.get(key);
    this.byKey.set(key, item);
    if (previous === undefined) this.keys.splice(this.insertionPoint(key), 0, key);
    return previous;
  }

  delete(key: string): T | undefined {
    const previous = this.byKey.get(key);
    if (previous === undefined) return undefined;
    this.byKey.delete(key);
    this.keys.splice(this.insertionPoint(key), 1);
    return previous;
  }

  private insertionPoint(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Starts the stand-in on its own HTTP server. */
export async function startGwsSimulator(options: GwsSimulatorOptions): Promise<GwsSimulator> {
  const { municipality } = options;
  const now = options.now ?? (() => new Date());
  const self: StufSystem = options.systeem ?? {
    organisatie: municipality.gemeenteCode,
    applicatie: 'GWS4all',
    administratie: 'SOCIAAL',
  };
  const afnemer: StufSystem = options.afnemer ?? { organisatie: municipality.gemeenteCode, applicatie: 'ONTSCHOT' };
  const maxPageSize = options.maxPageSize ?? 100;
  let kennisgevingUrl = options.kennisgevingUrl;
  let available = true;
  let stopped = false;
  let requests = 0;

  const wmo = new Register<WmoVoorziening>((v) => v.toewijzingNummer);
  const uitkeringen = new Register<Uitkering>((u) => u.dossierNummer);
  for (const v of municipality.wmo) wmo.put(structuredClone(v));
  for (const u of municipality.uitkeringen) uitkeringen.put(structuredClone(u));

  const outbox = new Outbox(() => ({ url: kennisgevingUrl, up: available && !stopped }), options.kennisgevingRetry, options.kennisgevingAuth);

  const answerContext = (): AnswerContext => ({
    self,
    referentienummer: randomUUID(),
    tijdstipBericht: tijdstip(now()),
  });

  function answer(body: string): { status: number; body: string } {
    const parsed = parseVraag(body, self);
    if (!parsed.ok) {
      return {
        status: 500,
        body: fo02(parsed.fout, { ...answerContext(), ontvanger: parsed.zender, crossRefnummer: parsed.referentienummer }),
      };
    }
    const { vraag } = parsed;
    const page =
      vraag.entiteittype === 'WVZ'
        ? selectPage(wmo.keys, wmo.byKey, (v) => v.bsn, vraag, maxPageSize)
        : selectPage(uitkeringen.keys, uitkeringen.byKey, (u) => u.bsn, vraag, maxPageSize);
    return { status: 200, body: la01(vraag, page, answerContext()) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== ENDPOINT_PATH) return send(res, 404, 'text/plain', 'not found');
    requests++;
    if (!available) return send(res, 503, 'text/plain', 'GWS is niet beschikbaar', { 'retry-after': '1' });
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { allow: 'POST' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return send(res, 413, 'text/plain', 'request too large', { connection: 'close' });
      chunks.push(chunk as Buffer);
    }
    const result = answer(Buffer.concat(chunks).toString('utf8'));
    send(res, result.status, 'text/xml; charset=utf-8', result.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // An unexpected fault in the stand-in itself: answer like a crashed back office would.
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.destroy();
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      // Already closed (stopped) is as good as closed.
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(options.port ?? 0);
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  function kennisgeving(
    entiteittype: 'WVZ' | 'UIT',
    mutatiesoort: 'T' | 'W' | 'V',
    objects: string,
  ): void {
    const referentienummer = randomUUID();
    const name = `${entiteittype.toLowerCase()}Lk01`;
    const xml = envelope(
      `<SOC:${name}><SOC:stuurgegevens>` +
        stuurgegevens({
          berichtcode: 'Lk01',
          zender: self,
          ontvanger: afnemer,
          referentienummer,
          tijdstipBericht: tijdstip(now()),
          entiteittype,
        }) +
        '</SOC:stuurgegevens>' +
        `<SOC:parameters><StUF:mutatiesoort>${mutatiesoort}</StUF:mutatiesoort>` +
        '<StUF:indicatorOvername>V</StUF:indicatorOvername></SOC:parameters>' +
        objects +
        `</SOC:${name}>`,
    );
    outbox.enqueue({ referentienummer, soapAction: `${SOC_NS}/${name}`, xml });
  }

  return {
    url: `http://${hostForUrl}:${address.port}${ENDPOINT_PATH}`,
    get requests() {
      return requests;
    },
    get kennisgevingen() {
      return outbox.stats;
    },
    async close() {
      outbox.close();
      await shut();
    },
    async upsertWmoVoorziening(v) {
      const next = structuredClone(v);
      wvzObject(next); // builds (and so validates) before anything changes
      const previous = wmo.byKey.get(next.toewijzingNummer);
      if (previous && sameJson(previous, next)) return;
      wmo.put(next);
      kennisgeving(
        'WVZ',
        previous ? 'W' : 'T',
        previous ? wvzObject(previous, 'W') + wvzObject(next, 'W') : wvzObject(next, 'T'),
      );
    },
    async upsertUitkering(u) {
      const next = structuredClone(u);
      uitObject(next); // builds (and so validates) before anything changes
      const previous = uitkeringen.byKey.get(next.dossierNummer);
      if (previous && sameJson(previous, next)) return;
      uitkeringen.put(next);
      kennisgeving(
        'UIT',
        previous ? 'W' : 'T',
        previous ? uitObject(previous, 'W') + uitObject(next, 'W') : uitObject(next, 'T'),
      );
    },
    async removeWmoVoorziening(toewijzingNummer) {
      const previous = wmo.delete(toewijzingNummer);
      if (previous) kennisgeving('WVZ', 'V', wvzObject(previous, 'V'));
      return previous !== undefined;
    },
    async removeUitkering(dossierNummer) {
      const previous = uitkeringen.delete(dossierNummer);
      if (previous) kennisgeving('UIT', 'V', uitObject(previous, 'V'));
      return previous !== undefined;
    },
    setAvailable(up) {
      available = up;
      if (up) outbox.kick(true);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await shut();
    },
    async start() {
      if (!stopped) return;
      await listen(address.port);
      stopped = false;
      outbox.kick(true);
    },
    setKennisgevingUrl(url) {
      kennisgevingUrl = url;
      outbox.kick(true);
    },
    whenKennisgevingenDelivered(timeoutMs = 10_000) {
      return outbox.whenEmpty(timeoutMs);
    },
    snapshot() {
      return {
        wmo: wmo.keys.map((k) => structuredClone(wmo.byKey.get(k) as WmoVoorziening)),
        uitkeringen: uitkeringen.keys.map((k) => structuredClone(uitkeringen.byKey.get(k) as Uitkering)),
      };
    },
  };
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}
