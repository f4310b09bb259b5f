/**
 * From the GWS sectormodel (StUF 3.01, namespace `http://www.ontschot.nl/StUF/sector/soc/0100`)
 * to domain records. Protocol details end here: dates become ISO, StUF "no value" becomes null,
 * codes stay the strings they were ("02", never 2).
 *
 * Strict where a wrong guess would corrupt a dossier (keys, BSN, dates, leveringsvorm), lenient
 * where StUF itself is (absent optional elements, noValue with or without xsi:nil).
 */
import type { BesluitRecord, Omvang, UitkeringRecord, WmoVoorzieningRecord } from '../../domain/records';
import { SourceError, sizeOf } from './source-error';
import {
  NS,
  all,
  attribute,
  describe,
  expectBerichtcode,
  isNoValue,
  isTijdstip,
  optional,
  optionalText,
  parseXml,
  qname,
  required,
  requiredText,
  soapBody,
  type XmlElement,
} from './stuf-xml';

export type Entiteittype = 'WVZ' | 'UIT';
export const ENTITEITTYPES = ['WVZ', 'UIT', 'NPS', 'BSL', 'WVZNPS', 'UITNPS', 'UITBSL'] as const;

/** Key element of each entity type: what a vervolgvraag's `start` and a kennisgeving's sleutel use. */
export const KEY_ELEMENT: Record<Entiteittype, string> = { WVZ: 'toewijzingNummer', UIT: 'dossierNummer' };

function protocolError(message: string): SourceError {
  return new SourceError('SOURCE_PROTOCOL_ERROR', message);
}

function checkEntiteittype(el: XmlElement, expected: string, what: string): void {
  const actual = attribute(el, NS.StUF, 'entiteittype');
  if (actual !== expected) {
    throw protocolError(
      `${what}: expected StUF:entiteittype="${expected}" on ${describe(el)}, got ${
        actual === undefined ? 'none' : (ENTITEITTYPES as readonly string[]).includes(actual) ? `"${actual}"` : `an unknown one (${sizeOf(actual)})`
      }`,
    );
  }
}

/**
 * StUF date (yyyyMMdd) → ISO. Absent or noValue → null. A date StUF marks as incomplete
 * (`StUF:indOnvolledigeDatum` J, M or D) is not a full date, so it is "not known": null.
 */
function stufDate(parent: XmlElement, name: string, what: string): string | null {
  const el = optional(parent, NS.SOC, name, what);
  if (!el || isNoValue(el) || el.text === '') return null;
  const onvolledig = attribute(el, NS.StUF, 'indOnvolledigeDatum');
  if (onvolledig !== undefined && onvolledig !== 'V') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(el.text);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isCalendarDate(iso)) {
    throw protocolError(`${what}: expected a StUF date (yyyyMMdd) in <SOC:${name}>, got ${sizeOf(el.text)} that is not one`);
  }
  return iso;
}

function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** BSN of the client: the NPS related through `isToegekendAan`. */
function clientBsn(object: XmlElement, relation: 'WVZNPS' | 'UITNPS', what: string): string {
  const rel = required(object, NS.SOC, 'isToegekendAan', what);
  checkEntiteittype(rel, relation, what);
  const nps = required(rel, NS.SOC, 'gerelateerde', what);
  checkEntiteittype(nps, 'NPS', what);
  const bsn = requiredText(nps, NS.SOC, 'inp.bsn', what);
  if (!/^\d{9}$/.test(bsn)) throw protocolError(`${what}: expected nine digits in <SOC:inp.bsn>, got ${sizeOf(bsn)}`);
  return bsn;
}

function omvang(object: XmlElement, what: string): Omvang | null {
  const el = optional(object, NS.SOC, 'omvang', what);
  if (!el || isNoValue(el) || el.children.length === 0) return null;
  const volume = requiredText(el, NS.SOC, 'volume', what);
  if (!/^\d+(\.\d+)?$/.test(volume)) {
    throw protocolError(`${what}: expected a non-negative number in <SOC:volume>, got ${sizeOf(volume)} that is not one`);
  }
  return {
    volume: Number(volume),
    eenheid: requiredText(el, NS.SOC, 'eenheid', what),
    frequentie: requiredText(el, NS.SOC, 'frequentie', what),
  };
}

function leveringsvorm(object: XmlElement, what: string): 'ZIN' | 'PGB' | null {
  const value = optionalText(object, NS.SOC, 'leveringsvorm', what);
  if (value === null || value === 'ZIN' || value === 'PGB') return value;
  throw protocolError(`${what}: expected ZIN or PGB in <SOC:leveringsvorm>, got another value (${sizeOf(value)})`);
}

/** One WVZ object → record. `what` names the message and position, for error messages. */
export function mapWmoVoorziening(object: XmlElement, what: string): WmoVoorzieningRecord {
  checkEntiteittype(object, 'WVZ', what);
  return {
    burgerservicenummer: clientBsn(object, 'WVZNPS', what),
    toewijzingNummer: requiredText(object, NS.SOC, 'toewijzingNummer', what),
    productCategorie: requiredText(object, NS.SOC, 'productCategorie', what),
    productCode: requiredText(object, NS.SOC, 'productCode', what),
    omschrijving: optionalText(object, NS.SOC, 'omschrijving', what),
    ingangsdatum: stufDate(object, 'ingangsdatum', what),
    einddatum: stufDate(object, 'einddatum', what),
    omvang: omvang(object, what),
    leveringsvorm: leveringsvorm(object, what),
  };
}

function mapBesluit(relation: XmlElement, what: string): BesluitRecord {
  checkEntiteittype(relation, 'UITBSL', what);
  const bsl = required(relation, NS.SOC, 'gerelateerde', what);
  checkEntiteittype(bsl, 'BSL', what);
  const datum = stufDate(bsl, 'datum', what);
  if (datum === null) throw protocolError(`${what}: expected a date in <SOC:datum> of a besluit, got none`);
  return {
    soort: requiredText(bsl, NS.SOC, 'soort', what),
    datum,
    toelichting: optionalText(bsl, NS.SOC, 'toelichting', what),
  };
}

/** One UIT object → record, besluiten in the order GWS sent them. */
export function mapUitkering(object: XmlElement, what: string): UitkeringRecord {
  checkEntiteittype(object, 'UIT', what);
  return {
    burgerservicenummer: clientBsn(object, 'UITNPS', what),
    dossierNummer: requiredText(object, NS.SOC, 'dossierNummer', what),
    soort: requiredText(object, NS.SOC, 'soort', what),
    omschrijving: optionalText(object, NS.SOC, 'omschrijving', what),
    ingangsdatum: stufDate(object, 'ingangsdatum', what),
    einddatum: stufDate(object, 'einddatum', what),
    besluiten: all(object, NS.SOC, 'heeftBesluit').map((b, i) => mapBesluit(b, `${what}, besluit ${i + 1}`)),
  };
}

// ---- answers -------------------------------------------------------------------------------

/** What a Fo01/Fo02 foutbericht says, as far as it is safe to repeat. */
interface StufFoutInfo {
  berichtcode: 'Fo01' | 'Fo02' | 'Fo03';
  /** A StUF foutcode such as StUF055, or null when the code is not in that form. */
  code: string | null;
  plek: 'client' | 'server' | null;
}

/**
 * Reads a SOAP Fault carrying a StUF foutbericht; null when the document is something else.
 * The omschrijving and details are not returned: a back office may well put a BSN in them.
 */
export function readFout(xml: string): StufFoutInfo | null {
  let message: XmlElement;
  try {
    message = soapBody(parseXml(xml, 'foutbericht'), 'foutbericht');
  } catch {
    return null;
  }
  if (message.ns !== NS.soap || message.name !== 'Fault') return null;
  const detail = message.children.find((c) => c.name === 'detail' && (c.ns === '' || c.ns === NS.soap));
  const bericht = detail?.children.find((c) => c.ns === NS.StUF && /^Fo0[123]Bericht$/.test(c.name));
  if (!bericht) return null;
  const body = bericht.children.find((c) => c.ns === NS.StUF && c.name === 'body');
  const text = (name: string) => body?.children.find((c) => c.ns === NS.StUF && c.name === name)?.text;
  const code = text('code');
  const plek = text('plek')?.toLowerCase();
  return {
    berichtcode: bericht.name.slice(0, 4) as StufFoutInfo['berichtcode'],
    code: code !== undefined && /^StUF\d{3}$|^[A-Z]{2,6}\d{3,4}$/.test(code) ? code : null,
    plek: plek === 'client' || plek === 'server' ? plek : null,
  };
}

export interface Antwoord<R> {
  records: R[];
  /**
   * When GWS says it answered (stuurgegevens/tijdstipBericht, yyyyMMddHHmmss[SSS] in Dutch
   * wall-clock time, as sent): what the records' state is as of.
   */
  tijdstipBericht: string;
  /** StUF indicatorVervolgvraag: more objects follow after the last one of this answer. */
  vervolg: boolean;
  /** Key of the last object, for the next vervolgvraag's `start`. */
  laatsteSleutel: string | null;
}

/**
 * Reads a La01 antwoordbericht: checks it answers our question (berichtcode, entiteittype,
 * crossRefnummer) and says when it was given (tijdstipBericht), then maps every object.
 *
 * An answer without a tijdstipBericht is refused rather than timed by us: the records' version
 * is the moment GWS stated them (read-model/versions.ts), and our clock is not GWS's, so a time
 * of ours could order this answer wrongly against the ones GWS did time.
 */
export function parseAntwoord(xml: string, entiteittype: 'WVZ', crossRefnummer: string): Antwoord<WmoVoorzieningRecord>;
export function parseAntwoord(xml: string, entiteittype: 'UIT', crossRefnummer: string): Antwoord<UitkeringRecord>;
export function parseAntwoord(
  xml: string,
  entiteittype: Entiteittype,
  crossRefnummer: string,
): Antwoord<WmoVoorzieningRecord | UitkeringRecord> {
  const name = `${entiteittype.toLowerCase()}La01`;
  const what = `${name}`;
  const message = soapBody(parseXml(xml, what), what);
  if (message.ns !== NS.SOC || message.name !== name) {
    throw protocolError(`${what}: expected <${qname(NS.SOC, name)}>, got ${describe(message)}`);
  }
  const sg = required(message, NS.SOC, 'stuurgegevens', what);
  expectBerichtcode(sg, 'La01', what);
  const type = optionalText(sg, NS.StUF, 'entiteittype', what);
  if (type !== entiteittype) {
    throw protocolError(`${what}: expected entiteittype ${entiteittype} in stuurgegevens, got ${type === null ? 'none' : 'another'}`);
  }
  if (optionalText(sg, NS.StUF, 'crossRefnummer', what) !== crossRefnummer) {
    throw protocolError(`${what}: expected crossRefnummer to repeat our referentienummer, got a different one`);
  }
  const tijdstipBericht = requiredText(sg, NS.StUF, 'tijdstipBericht', what);
  if (!isTijdstip(tijdstipBericht)) {
    throw protocolError(`${what}: expected tijdstipBericht as yyyyMMddHHmmss[SSS], got ${sizeOf(tijdstipBericht)} that is not one`);
  }
  const parameters = optional(message, NS.SOC, 'parameters', what);
  const vervolgText = parameters ? optionalText(parameters, NS.StUF, 'indicatorVervolgvraag', what) : null;
  if (vervolgText !== null && vervolgText !== 'true' && vervolgText !== 'false') {
    throw protocolError(`${what}: expected true or false in <StUF:indicatorVervolgvraag>, got ${sizeOf(vervolgText)}`);
  }
  const antwoord = optional(message, NS.SOC, 'antwoord', what);
  const objects = antwoord ? all(antwoord, NS.SOC, 'object') : [];
  if (antwoord && objects.length !== antwoord.children.length) {
    throw protocolError(`${what}: expected only <SOC:object> in <SOC:antwoord>, got other elements too`);
  }
  const records = objects.map((o, i) =>
    entiteittype === 'WVZ' ? mapWmoVoorziening(o, `${what}, object ${i + 1}`) : mapUitkering(o, `${what}, object ${i + 1}`),
  );
  const last = records[records.length - 1];
  return {
    records,
    tijdstipBericht,
    vervolg: vervolgText === 'true',
    laatsteSleutel: last === undefined ? null : 'toewijzingNummer' in last ? last.toewijzingNummer : last.dossierNummer,
  };
}
