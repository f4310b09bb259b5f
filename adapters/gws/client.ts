/**
 * GWS client: StUF 3.01 vraag/antwoord (Lv01 → La01) over SOAP 1.1, with the resilience a slow,
 * batch-minded back office needs — a timeout per attempt, retries with exponential backoff on
 * what may pass (network, 5xx, 503, a Fo02 the server blames on itself), none on what will not
 * (a Fo02 the server blames on our request, an answer we cannot read), and a circuit breaker
 * so a GWS that is down is not hammered by every sync job at once (`../common/resilience.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { UitkeringRecord, WmoVoorzieningRecord } from '../../domain/records';
import { createResiliencePolicy, runResilient, type ResilienceFailure } from '../common/resilience';
import { KEY_ELEMENT, parseAntwoord, readFout, type Antwoord, type Entiteittype } from './mapping';
import { SourceError } from './source-error';
import { NS, envelope, esc, formatTijdstip, tijdstipToIso, writeSysteem, type StufSysteem } from './stuf-xml';
import { mapLimit } from '../../lib/map-limit';

export type { StufSysteem } from './stuf-xml';

export interface GwsClientOptions {
  /** The GWS StUF endpoint (SOAP, POST). */
  url: string;
  /** Who we are in stuurgegevens. */
  zender: StufSysteem;
  /** Who GWS is in stuurgegevens; GWS refuses (StUF010) a vraag addressed to someone else. */
  ontvanger: StufSysteem;
  /** Per attempt, including reading the answer. @defaultValue 10000 */
  timeoutMs?: number;
  /** Retries after the first attempt, for transient failures only. @defaultValue 3 */
  retries?: number;
  /** Backoff between retries (exponential with jitter). @defaultValue `{ initialDelayMs: 200, maxDelayMs: 5000 }` */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  /**
   * Opens after this many consecutive failed attempts, then lets one probe through after
   * `halfOpenAfterMs`. @defaultValue `{ consecutiveFailures: 5, halfOpenAfterMs: 30000 }`
   */
  circuitBreaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
  /** Parallel vraagberichten in `…Van(bsns)`; GWS answers one BSN per vraag. @defaultValue 4 */
  concurrency?: number;
  /**
   * Our clock: for our tijdstipBericht, and to tell apart the two instants a tijdstipBericht of
   * GWS names in the hour the clocks go back (stuf-xml.ts tijdstipToIso). @defaultValue () => new Date()
   */
  now?: () => Date;
}

/** One La01's records, and when GWS says it gave them. */
export interface GwsAnswer<R> {
  records: R[];
  /**
   * The La01's tijdstipBericht as an instant: ISO 8601 in UTC with milliseconds, so it sorts as
   * text. By GWS's own clock, which need not agree with ours; the records' state is as of then.
   */
  tijdstipBericht: string;
}

/** One record as GWS holds it now (null: GWS holds none by that key), and when GWS said so (as in GwsAnswer). */
export interface GwsLookup<R> {
  record: R | null;
  tijdstipBericht: string;
}

interface ScanOptions {
  /** StUF maximumAantal per La01; GWS may send fewer. Between 1 and 1000. @defaultValue 100 */
  pageSize?: number;
}

interface GwsClient {
  /** Every Wmo voorziening GWS holds, page by page (one La01 each), in key order. */
  scanWmoVoorzieningen(options?: ScanOptions): AsyncIterable<GwsAnswer<WmoVoorzieningRecord>>;
  /** The Wmo voorzieningen of these persons, grouped in the order of `bsns` (duplicates asked once). */
  wmoVoorzieningenVan(bsns: readonly string[]): Promise<WmoVoorzieningRecord[]>;
  /** One Wmo voorziening by toewijzingNummer (record null when GWS does not have it). */
  wmoVoorziening(toewijzingNummer: string): Promise<GwsLookup<WmoVoorzieningRecord>>;
  /** Every Participatiewet uitkering GWS holds, page by page (one La01 each), in key order. */
  scanUitkeringen(options?: ScanOptions): AsyncIterable<GwsAnswer<UitkeringRecord>>;
  /** The uitkeringen of these persons, grouped in the order of `bsns` (duplicates asked once). */
  uitkeringenVan(bsns: readonly string[]): Promise<UitkeringRecord[]>;
  /** One uitkering by dossierNummer (record null when GWS does not have it). */
  uitkering(dossierNummer: string): Promise<GwsLookup<UitkeringRecord>>;
}

type Selectie = { bsn: string } | { sleutel: string } | undefined;

/** A La01 as the client hands it on: its tijdstipBericht made an instant (GwsAnswer). */
type Answer<R> = Omit<Antwoord<R>, 'tijdstipBericht'> & GwsAnswer<R>;

interface Lv01 {
  entiteittype: Entiteittype;
  zender: StufSysteem;
  ontvanger: StufSysteem;
  referentienummer: string;
  tijdstipBericht: string;
  maximumAantal: number;
  selectie?: Selectie;
  /** Key of the last object received: makes this a vervolgvraag. */
  start?: string;
}

const CLIENT_RELATION: Record<Entiteittype, string> = { WVZ: 'WVZNPS', UIT: 'UITNPS' };

/** Builds a `wvzLv01` / `uitLv01` vraagbericht. */
function buildLv01(v: Lv01): string {
  const name = `${v.entiteittype.toLowerCase()}Lv01`;
  const key = KEY_ELEMENT[v.entiteittype];
  let gelijk = '';
  if (v.selectie && 'bsn' in v.selectie) {
    gelijk =
      `<SOC:gelijk StUF:entiteittype="${v.entiteittype}">` +
      `<SOC:isToegekendAan StUF:entiteittype="${CLIENT_RELATION[v.entiteittype]}">` +
      `<SOC:gerelateerde StUF:entiteittype="NPS"><SOC:inp.bsn>${esc(v.selectie.bsn)}</SOC:inp.bsn></SOC:gerelateerde>` +
      '</SOC:isToegekendAan></SOC:gelijk>';
  } else if (v.selectie) {
    gelijk = `<SOC:gelijk StUF:entiteittype="${v.entiteittype}"><SOC:${key}>${esc(v.selectie.sleutel)}</SOC:${key}></SOC:gelijk>`;
  }
  return envelope(
    `<SOC:${name}>` +
      '<SOC:stuurgegevens>' +
      '<StUF:berichtcode>Lv01</StUF:berichtcode>' +
      writeSysteem('zender', v.zender) +
      writeSysteem('ontvanger', v.ontvanger) +
      `<StUF:referentienummer>${esc(v.referentienummer)}</StUF:referentienummer>` +
      `<StUF:tijdstipBericht>${v.tijdstipBericht}</StUF:tijdstipBericht>` +
      `<StUF:entiteittype>${v.entiteittype}</StUF:entiteittype>` +
      '</SOC:stuurgegevens>' +
      '<SOC:parameters>' +
      '<StUF:sortering>1</StUF:sortering>' +
      `<StUF:indicatorVervolgvraag>${v.start !== undefined}</StUF:indicatorVervolgvraag>` +
      `<StUF:maximumAantal>${v.maximumAantal}</StUF:maximumAantal>` +
      '</SOC:parameters>' +
      gelijk +
      (v.start !== undefined
        ? `<SOC:start StUF:entiteittype="${v.entiteittype}"><SOC:${key}>${esc(v.start)}</SOC:${key}></SOC:start>`
        : '') +
      `<SOC:scope><SOC:object StUF:entiteittype="${v.entiteittype}" StUF:scope="alles"/></SOC:scope>` +
      `</SOC:${name}>`,
  );
}

/** A failure worth another attempt; becomes SOURCE_UNAVAILABLE when attempts run out. */
class TransientFailure extends Error {
  constructor(
    message: string,
    readonly stufFoutcode?: string,
  ) {
    super(message);
  }
}

/** Creates a client; one per GWS, shared, so its circuit breaker sees all traffic. */
export function createGwsClient(options: GwsClientOptions): GwsClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const now = options.now ?? (() => new Date());
  for (const [name, s] of [
    ['zender', options.zender],
    ['ontvanger', options.ontvanger],
  ] as const) {
    if (!s?.organisatie || !s?.applicatie) throw new TypeError(`expected ${name} with organisatie and applicatie`);
  }

  const policy = createResiliencePolicy({
    isTransient: (error) => error instanceof TransientFailure,
    retries,
    initialBackoffMs: options.backoff?.initialDelayMs,
    maxBackoffMs: options.backoff?.maxDelayMs,
    breakerThreshold: options.circuitBreaker?.consecutiveFailures,
    breakerHalfOpenAfterMs: options.circuitBreaker?.halfOpenAfterMs,
    timeoutMs,
    // Aggressive: the policy gives up on an attempt at the limit, whether or not the exchange has
    // noticed the abort yet, and reports the timeout itself (retried, and 'timeout' below). `post`
    // relies on that: it rethrows an aborted fetch's error as is, which is not a TransientFailure.
    timeoutStrategy: 'aggressive',
  });

  /** One HTTP exchange; classifies every outcome as answer, transient or permanent. */
  async function post(xml: string, soapAction: string, signal: AbortSignal): Promise<string> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapAction}"` },
        body: xml,
        signal,
      });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw error; // the timeout policy reports this one
      throw new TransientFailure('could not reach the StUF endpoint (network error)');
    }
    if (response.status === 200) return text;
    const fout = response.status >= 500 ? readFout(text) : null;
    if (fout) {
      const code = fout.code ?? 'an unrecognised foutcode';
      if (fout.plek === 'client') {
        // Our vraag is wrong: sending it again gives the same answer.
        throw new SourceError(
          'SOURCE_PROTOCOL_ERROR',
          `expected La01, got ${fout.berichtcode} ${code} (plek client): GWS refused the vraagbericht`,
          { stufFoutcode: fout.code ?? undefined },
        );
      }
      throw new TransientFailure(`expected La01, got ${fout.berichtcode} ${code} (plek ${fout.plek ?? 'unknown'})`, fout.code ?? undefined);
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new TransientFailure(`expected HTTP 200, got HTTP ${response.status}`);
    }
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `expected HTTP 200 with a La01, got HTTP ${response.status}`);
  }

  /** What a failed exchange becomes: always a SourceError. */
  function toSourceError(failure: ResilienceFailure): SourceError {
    const attempts = `after ${retries + 1} attempt${retries === 0 ? '' : 's'}`;
    switch (failure.kind) {
      case 'circuit-open':
        return new SourceError('SOURCE_UNAVAILABLE', 'circuit open after repeated failures; not asking GWS for now');
      case 'timeout':
        return new SourceError('SOURCE_UNAVAILABLE', `expected an answer within ${timeoutMs} ms, got none ${attempts}`);
      case 'failed': {
        const { error } = failure;
        if (error instanceof SourceError) return error;
        if (error instanceof TransientFailure) {
          return new SourceError('SOURCE_UNAVAILABLE', `${error.message} ${attempts}`, { stufFoutcode: error.stufFoutcode });
        }
        return new SourceError('SOURCE_UNAVAILABLE', 'unexpected failure while calling GWS', { cause: error });
      }
    }
  }

  function exchange(xml: string, soapAction: string): Promise<string> {
    return runResilient(policy, (signal) => post(xml, soapAction, signal), toSourceError);
  }

  async function ask(entiteittype: 'WVZ', maximumAantal: number, selectie: Selectie, start?: string): Promise<Answer<WmoVoorzieningRecord>>;
  async function ask(entiteittype: 'UIT', maximumAantal: number, selectie: Selectie, start?: string): Promise<Answer<UitkeringRecord>>;
  async function ask(
    entiteittype: Entiteittype,
    maximumAantal: number,
    selectie: Selectie,
    start?: string,
  ): Promise<Answer<WmoVoorzieningRecord | UitkeringRecord>> {
    const referentienummer = randomUUID();
    const xml = buildLv01({
      entiteittype,
      zender: options.zender,
      ontvanger: options.ontvanger,
      referentienummer,
      tijdstipBericht: formatTijdstip(now()),
      maximumAantal,
      selectie,
      start,
    });
    const answer = await exchange(xml, `${NS.SOC}/${entiteittype.toLowerCase()}Lv01`);
    const receivedAt = now();
    const parsed: Antwoord<WmoVoorzieningRecord | UitkeringRecord> =
      entiteittype === 'WVZ' ? parseAntwoord(answer, 'WVZ', referentienummer) : parseAntwoord(answer, 'UIT', referentienummer);
    return { ...parsed, tijdstipBericht: tijdstipToIso(parsed.tijdstipBericht, receivedAt) };
  }

  /** All pages of one question, following vervolgvragen. */
  async function* pages<R>(
    fetchPage: (start: string | undefined) => Promise<Answer<R>>,
    what: string,
  ): AsyncGenerator<GwsAnswer<R>> {
    let start: string | undefined;
    for (;;) {
      const page = await fetchPage(start);
      if (page.records.length > 0) yield { records: page.records, tijdstipBericht: page.tijdstipBericht };
      if (!page.vervolg) return;
      // Guard against a back office that keeps saying "more" without moving on: that would loop forever.
      if (page.laatsteSleutel === null || page.laatsteSleutel === start) {
        throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected a vervolgvraag to move past the previous page, got no progress`);
      }
      start = page.laatsteSleutel;
    }
  }

  function pageSizeOf(scan: ScanOptions | undefined): number {
    const size = scan?.pageSize ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw new RangeError(`expected pageSize to be an integer from 1 to 1000, got ${size}`);
    }
    return size;
  }

  async function collect<R>(iterable: AsyncIterable<GwsAnswer<R>>): Promise<R[]> {
    const out: R[] = [];
    for await (const page of iterable) out.push(...page.records);
    return out;
  }

  /** Runs `work` per BSN with bounded parallelism; results in input order. */
  async function perBsn<R>(bsns: readonly string[], work: (bsn: string) => Promise<R[]>): Promise<R[]> {
    const unique = [...new Set(bsns)];
    for (const bsn of unique) {
      if (typeof bsn !== 'string' || !/^\d{9}$/.test(bsn)) {
        throw new RangeError('expected burgerservicenummers of nine digits, got another value');
      }
    }
    return (await mapLimit(unique, concurrency, work)).flat();
  }

  function requireKey(value: string, name: string): void {
    if (typeof value !== 'string' || value.trim() === '') throw new RangeError(`expected a non-empty ${name}`);
  }

  return {
    scanWmoVoorzieningen(scan) {
      const size = pageSizeOf(scan);
      return pages((start) => ask('WVZ', size, undefined, start), 'wvzLa01');
    },
    scanUitkeringen(scan) {
      const size = pageSizeOf(scan);
      return pages((start) => ask('UIT', size, undefined, start), 'uitLa01');
    },
    wmoVoorzieningenVan(bsns) {
      return perBsn(bsns, (bsn) => collect(pages((start) => ask('WVZ', 100, { bsn }, start), 'wvzLa01')));
    },
    uitkeringenVan(bsns) {
      return perBsn(bsns, (bsn) => collect(pages((start) => ask('UIT', 100, { bsn }, start), 'uitLa01')));
    },
    async wmoVoorziening(toewijzingNummer) {
      requireKey(toewijzingNummer, 'toewijzingNummer');
      const { records, tijdstipBericht } = await ask('WVZ', 1, { sleutel: toewijzingNummer });
      return { record: records.find((r) => r.toewijzingNummer === toewijzingNummer) ?? null, tijdstipBericht };
    },
    async uitkering(dossierNummer) {
      requireKey(dossierNummer, 'dossierNummer');
      const { records, tijdstipBericht } = await ask('UIT', 1, { sleutel: dossierNummer });
      return { record: records.find((r) => r.dossierNummer === dossierNummer) ?? null, tijdstipBericht };
    },
  };
}
