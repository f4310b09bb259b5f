/**
 * Receiving GWS kennisgevingen: the Lk01 messages GWS pushes when a Wmo voorziening or
 * uitkering is added (T), changed (W) or removed (V), and the Bv01 / Fo01 we answer with.
 *
 * A W carries two objects, oud then nieuw, both with StUF:verwerkingssoort="W" — the StUF way;
 * T carries the new object (verwerkingssoort T), V the removed one (verwerkingssoort V).
 */
import { randomUUID } from 'node:crypto';
import type { UitkeringRecord, WmoVoorzieningRecord } from '../../domain/records';
import { ENTITEITTYPES, KEY_ELEMENT, mapUitkering, mapWmoVoorziening, type Entiteittype } from './mapping';
import { SourceError, describeCode, sizeOf } from './source-error';
import {
  NS,
  all,
  attribute,
  describe,
  envelope,
  esc,
  expectBerichtcode,
  formatTijdstip,
  optional,
  optionalText,
  parseXml,
  qname,
  readSysteem,
  required,
  requiredText,
  soapBody,
  writeSysteem,
  type StufSysteem,
  type XmlElement,
} from './stuf-xml';

type Mutatiesoort = 'T' | 'W' | 'V';

interface KennisgevingBase {
  referentienummer: string;
  tijdstipBericht: string;
  zender: StufSysteem;
  ontvanger: StufSysteem;
  soort: Mutatiesoort;
  /** Key of the object: toewijzingNummer (WVZ) or dossierNummer (UIT). */
  sleutel: string;
}

/**
 * A parsed Lk01. `record` is the state after the change (null for V); `vorige` the state before
 * it (null for T) — sync needs it when a change moves a record to another person.
 */
export type Kennisgeving =
  | (KennisgevingBase & { entiteittype: 'WVZ'; record: WmoVoorzieningRecord | null; vorige: WmoVoorzieningRecord | null })
  | (KennisgevingBase & { entiteittype: 'UIT'; record: UitkeringRecord | null; vorige: UitkeringRecord | null });

/**
 * Raised by parseKennisgeving. Carries what could still be read of the stuurgegevens, so the
 * Fo01 can be addressed back and cross-referenced even when the rest of the message is wrong.
 */
export class KennisgevingError extends SourceError {
  constructor(
    message: string,
    readonly referentienummer: string | null,
    readonly zender: StufSysteem | null,
    /**
     * StUF055: message not as the sectormodel says; StUF028: unknown entiteittype; StUF010: not
     * addressed to us; StUF013: not sent by the GWS we know; StUF052: sent without our credential.
     */
    readonly foutcode: 'StUF055' | 'StUF028' | 'StUF010' | 'StUF013' | 'StUF052',
  ) {
    super('SOURCE_PROTOCOL_ERROR', message, { stufFoutcode: foutcode });
    this.name = 'KennisgevingError';
  }
}

const MUTATIESOORTEN = ['T', 'W', 'V', 'E', 'F', 'C'] as const;
const WHAT = 'Lk01';

/** Stuurgegevens read leniently, for addressing a Fo01; never throws. */
function salvage(xml: string): { referentienummer: string | null; zender: StufSysteem | null } {
  try {
    const message = soapBody(parseXml(xml, WHAT), WHAT);
    const sg = message.children.find((c) => c.name === 'stuurgegevens');
    if (!sg) return { referentienummer: null, zender: null };
    const ref = optionalText(sg, NS.StUF, 'referentienummer', WHAT);
    let zender: StufSysteem | null = null;
    const z = optional(sg, NS.StUF, 'zender', WHAT);
    if (z) {
      try {
        zender = readSysteem(z, WHAT);
      } catch {
        zender = null;
      }
    }
    return { referentienummer: ref, zender };
  } catch {
    return { referentienummer: null, zender: null };
  }
}

/** Reads an Lk01 kennisgeving; anything else, or anything malformed, throws a KennisgevingError. */
export function parseKennisgeving(xml: string): Kennisgeving {
  try {
    return read(xml);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const { referentienummer, zender } = salvage(xml);
    const foutcode = error instanceof KennisgevingError ? error.foutcode : 'StUF055';
    throw new KennisgevingError(error.message.replace(/^GWS: /, ''), referentienummer, zender, foutcode);
  }
}

function objectKey(object: XmlElement, entiteittype: Entiteittype, what: string): string {
  return requiredText(object, NS.SOC, KEY_ELEMENT[entiteittype], what);
}

function read(xml: string): Kennisgeving {
  const message = soapBody(parseXml(xml, WHAT), WHAT);
  const match = message.ns === NS.SOC ? /^(wvz|uit)Lk01$/.exec(message.name) : null;
  if (!match) {
    throw new KennisgevingError(
      `expected <SOC:wvzLk01> or <SOC:uitLk01>, got ${describe(message)}`,
      null,
      null,
      message.ns === NS.SOC && /Lk01$/.test(message.name) ? 'StUF028' : 'StUF055',
    );
  }
  const entiteittype = match[1].toUpperCase() as Entiteittype;
  const what = `${message.name}`;
  const sg = required(message, NS.SOC, 'stuurgegevens', what);
  expectBerichtcode(sg, 'Lk01', what);
  const type = optionalText(sg, NS.StUF, 'entiteittype', what) ?? undefined;
  if (type !== entiteittype) {
    throw new KennisgevingError(
      `${what}: expected entiteittype ${entiteittype} in stuurgegevens, got ${describeCode(type, ENTITEITTYPES)}`,
      null,
      null,
      type !== undefined && !(ENTITEITTYPES as readonly string[]).includes(type) ? 'StUF028' : 'StUF055',
    );
  }
  const zender = readSysteem(required(sg, NS.StUF, 'zender', what), what);
  const ontvanger = readSysteem(required(sg, NS.StUF, 'ontvanger', what), what);
  const referentienummer = requiredText(sg, NS.StUF, 'referentienummer', what);
  const tijdstipBericht = requiredText(sg, NS.StUF, 'tijdstipBericht', what);
  if (!/^\d{14,17}$/.test(tijdstipBericht)) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected tijdstipBericht as yyyyMMddHHmmss[SSS], got ${sizeOf(tijdstipBericht)}`);
  }

  const parameters = required(message, NS.SOC, 'parameters', what);
  const soortText = requiredText(parameters, NS.StUF, 'mutatiesoort', what);
  if (soortText !== 'T' && soortText !== 'W' && soortText !== 'V') {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected mutatiesoort T, W or V, got ${describeCode(soortText, MUTATIESOORTEN)}`,
    );
  }
  const soort: Mutatiesoort = soortText;
  const objects = all(message, NS.SOC, 'object');
  const expectedCount = soort === 'W' ? 2 : 1;
  if (objects.length !== expectedCount) {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected ${expectedCount} <${qname(NS.SOC, 'object')}> for mutatiesoort ${soort}, got ${objects.length}`,
    );
  }
  objects.forEach((o, i) => {
    const verwerkingssoort = attribute(o, NS.StUF, 'verwerkingssoort');
    if (verwerkingssoort !== soort) {
      throw new SourceError(
        'SOURCE_PROTOCOL_ERROR',
        `${what}: expected StUF:verwerkingssoort="${soort}" on object ${i + 1}, got ${describeCode(verwerkingssoort, MUTATIESOORTEN)}`,
      );
    }
  });
  const sleutel = objectKey(objects[objects.length - 1], entiteittype, what);
  if (soort === 'W' && objectKey(objects[0], entiteittype, what) !== sleutel) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected oud and nieuw to be the same object, got two different keys`);
  }
  const base = { referentienummer, tijdstipBericht, zender, ontvanger, soort, sleutel };
  const map = <R>(mapper: (o: XmlElement, w: string) => R) => {
    const oud = soort === 'T' ? null : mapper(objects[0], `${what}, ${soort === 'W' ? 'oud' : 'object'}`);
    const nieuw = soort === 'V' ? null : mapper(objects[objects.length - 1], `${what}, ${soort === 'W' ? 'nieuw' : 'object'}`);
    return { vorige: oud, record: nieuw };
  };
  return entiteittype === 'WVZ'
    ? { ...base, entiteittype, ...map(mapWmoVoorziening) }
    : { ...base, entiteittype, ...map(mapUitkering) };
}

interface AnswerOptions {
  /** Clock for tijdstipBericht. @defaultValue () => new Date() */
  now?: () => Date;
}

function stuurgegevens(
  berichtcode: 'Bv01' | 'Fo01',
  zender: StufSysteem,
  ontvanger: StufSysteem | null,
  crossRefnummer: string | null,
  now: () => Date,
): string {
  return (
    '<StUF:stuurgegevens>' +
    `<StUF:berichtcode>${berichtcode}</StUF:berichtcode>` +
    writeSysteem('zender', zender) +
    (ontvanger ? writeSysteem('ontvanger', ontvanger) : '') +
    `<StUF:referentienummer>${randomUUID()}</StUF:referentienummer>` +
    `<StUF:tijdstipBericht>${formatTijdstip(now())}</StUF:tijdstipBericht>` +
    (crossRefnummer !== null ? `<StUF:crossRefnummer>${esc(crossRefnummer)}</StUF:crossRefnummer>` : '') +
    '</StUF:stuurgegevens>'
  );
}

/**
 * The Bv01 bevestiging for a processed kennisgeving: sent by `ontvanger` (us, who received the
 * Lk01) back to the kennisgeving's zender, crossRefnummer = the kennisgeving's referentienummer.
 * Answer it only after the change is stored: the Bv01 is what lets GWS drop it from its outbox.
 */
export function bevestiging(
  k: Pick<KennisgevingBase, 'referentienummer' | 'zender'>,
  ontvanger: StufSysteem,
  options: AnswerOptions = {},
): string {
  const now = options.now ?? (() => new Date());
  return envelope(`<StUF:Bv01Bericht>${stuurgegevens('Bv01', ontvanger, k.zender, k.referentienummer, now)}</StUF:Bv01Bericht>`);
}

/** What a Fo01 says; texts must not carry personal data. */
interface Fout {
  code: string;
  plek: 'client' | 'server';
  omschrijving: string;
}

/**
 * The StUF fout for a failure while receiving a kennisgeving. A KennisgevingError (bad
 * message) is the sender's problem: plek client, and GWS will not resend it. Anything else
 * happened on our side (say the database is down): StUF058, plek server, so GWS retries later.
 * Our own error texts are not passed on: they may name internals.
 */
const OMSCHRIJVING: Record<KennisgevingError['foutcode'], string> = {
  StUF010: 'Combinatie van ontvangende organisatie, applicatie en administratie onbekend',
  StUF013: 'Combinatie van zendende organisatie, applicatie en administratie onbekend',
  StUF052: 'Het zendende systeem is niet geautoriseerd voor de gevraagde combinatie van berichtcode, entiteittype en functie',
  StUF028: 'Entiteittype onbekend binnen sectormodel',
  StUF055: 'Berichtbody is niet conform schema in sectormodel',
};

function foutVoor(oorzaak: unknown): Fout {
  if (oorzaak instanceof KennisgevingError) {
    return { code: oorzaak.foutcode, plek: 'client', omschrijving: OMSCHRIJVING[oorzaak.foutcode] };
  }
  return { code: 'StUF058', plek: 'server', omschrijving: 'Proces voor afhandelen bericht geeft fout' };
}

/**
 * A Fo01 foutbericht (inside a SOAP 1.1 Fault, to be sent with HTTP 500) answering a
 * kennisgeving we could not accept. `ontvanger` is us, as in {@link bevestiging}. The
 * KennisgevingError's message goes into StUF:details: it names elements, never values.
 */
export function foutbericht(oorzaak: unknown, ontvanger: StufSysteem, options: AnswerOptions = {}): string {
  const now = options.now ?? (() => new Date());
  const fout = foutVoor(oorzaak);
  const k = oorzaak instanceof KennisgevingError ? oorzaak : null;
  const details = k ? k.message.replace(/^GWS: /, '') : null;
  return envelope(
    '<soap:Fault>' +
      `<faultcode>soap:${fout.plek === 'client' ? 'Client' : 'Server'}</faultcode>` +
      `<faultstring>${esc(fout.omschrijving)}</faultstring>` +
      '<detail><StUF:Fo01Bericht>' +
      stuurgegevens('Fo01', ontvanger, k?.zender ?? null, k?.referentienummer ?? null, now) +
      '<StUF:body>' +
      `<StUF:code>${esc(fout.code)}</StUF:code><StUF:plek>${fout.plek}</StUF:plek>` +
      `<StUF:omschrijving>${esc(fout.omschrijving)}</StUF:omschrijving>` +
      (details ? `<StUF:details>${esc(details)}</StUF:details>` : '') +
      '</StUF:body></StUF:Fo01Bericht></detail></soap:Fault>',
  );
}

interface KennisgevingReceiverOptions extends AnswerOptions {
  /** Who we are: the ontvanger GWS addresses kennisgevingen to. */
  ontvanger: StufSysteem;
  /**
   * The only zender we take kennisgevingen from: the GWS we know. Organisatie and applicatie must
   * match; the administratie too when the kennisgeving names one.
   */
  zender: StufSysteem;
  /** Stores the change; resolve only once it is durable, since the Bv01 ends GWS's retries. */
  verwerk: (k: Kennisgeving) => Promise<void>;
}

/** Whether a StUF system is `expected`: same organisatie and applicatie, same administratie if it names one. */
function isSysteem(s: StufSysteem, expected: StufSysteem): boolean {
  return (
    s.organisatie === expected.organisatie &&
    s.applicatie === expected.applicatie &&
    (s.administratie === undefined || s.administratie === expected.administratie)
  );
}

/** A kennisgeving we refused because of the sender or the message (plek client), for the caller's log. */
export interface Weigering {
  foutcode: KennisgevingError['foutcode'];
  /** The zender the message claims, when it could be read; unauthenticated, so only for the log. */
  zender: StufSysteem | null;
}

/**
 * One whole receiving step for an HTTP handler: parse, check it is from the GWS we know and for
 * us, hand it to `verwerk`, answer Bv01 (200) or Fo01 (500). Keeps the status conventions in one
 * place. The sender's credential is the transport's business (sync/kennisgeving-endpoint.ts),
 * checked before this runs.
 */
export async function ontvangKennisgeving(
  xml: string,
  options: KennisgevingReceiverOptions,
): Promise<{ status: 200 | 500; contentType: string; body: string; geweigerd?: Weigering }> {
  const contentType = 'text/xml; charset=utf-8';
  let k: Kennisgeving;
  try {
    k = parseKennisgeving(xml);
    if (!isSysteem(k.zender, options.zender)) {
      throw new KennisgevingError('expected a kennisgeving from the GWS we know, got one from another zender', k.referentienummer, k.zender, 'StUF013');
    }
    if (k.ontvanger.organisatie !== options.ontvanger.organisatie || k.ontvanger.applicatie !== options.ontvanger.applicatie) {
      throw new KennisgevingError(
        'expected a kennisgeving addressed to us, got one for another ontvanger',
        k.referentienummer,
        k.zender,
        'StUF010',
      );
    }
  } catch (error) {
    const geweigerd = error instanceof KennisgevingError ? { foutcode: error.foutcode, zender: error.zender } : undefined;
    return { status: 500, contentType, body: foutbericht(error, options.ontvanger, options), ...(geweigerd ? { geweigerd } : {}) };
  }
  try {
    await options.verwerk(k);
  } catch (error) {
    return { status: 500, contentType, body: foutbericht(error, options.ontvanger, options) };
  }
  return { status: 200, contentType, body: bevestiging(k, options.ontvanger, options) };
}
