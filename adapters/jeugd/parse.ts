/**
 * Parsing of the Jeugd/CJG feed document and the iJw 3.x messages inside it into records.
 *
 * Element names follow the iJw 3.2 XSDs (namespaces `http://www.istandaarden.nl/ijw/3_2/...`):
 * Header {BerichtCode, BerichtVersie, BerichtSubversie, Afzender, Ontvanger,
 * BerichtIdentificatie {Identificatie, Dagtekening}}, Client {Bsn, ..., ToegewezenProducten |
 * StartProducten | StopProducten}. Namespace prefixes are ignored (senders pick their own) and
 * the message kind is taken from BerichtCode, as iJw receivers do.
 *
 * Only what the domain needs is read; names, birth dates and addresses in the messages are
 * skipped on purpose (data minimisation: the Jeugd read model holds no BRP data).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isValidBsn } from '../../lib/bsn';
import type { JeugdhulpRecord, Omvang } from '../../domain/records';
import { SourceError } from './errors';
import type { JeugdBerichtRecord, JeugdBerichtSoort, ProductVerwijzing, RejectedBericht, StartProductRecord, StatusAanlevering, StopProductRecord } from './types';

/** COD002-VEKT BerichtCode → message name. */
const BERICHT_CODES: Readonly<Record<string, JeugdBerichtSoort>> = { '436': 'JW301', '438': 'JW305', '440': 'JW307' };

/** Elements that may repeat; fast-xml-parser would otherwise give an object for a single one. */
const REPEATING = new Set(['ToegewezenProduct', 'StartProduct', 'StopProduct']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Keep every value a string: gemeente codes, BSNs and product codes have meaningful leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, jpath) => REPEATING.has(name) || jpath === 'Berichtenfeed.Bericht',
});

/** A message-level format problem; becomes a rejection (feed) or a SourceError (single message). */
class FormatError extends Error {}

/** The parsed feed page. */
interface ParsedFeed {
  berichten: JeugdBerichtRecord[];
  rejected: RejectedBericht[];
  volgende: string;
  meer: boolean;
}

/**
 * Parses a feed page (`<Berichtenfeed volgende meer><Bericht positie>…iJw message…</Bericht>…`).
 *
 * A malformed feed document throws `SourceError('SOURCE_PROTOCOL_ERROR')`. A malformed message
 * inside a well-formed feed is rejected on its own (listed in `rejected`) so that one bad message
 * cannot block the cursor forever.
 */
export function parseFeed(xml: string): ParsedFeed {
  const doc = parseDocument(xml, 'feed');
  const feed = doc['Berichtenfeed'];
  if (!isObject(feed)) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', 'feed: expected a <Berichtenfeed> root element');
  }
  const volgende = feed['@_volgende'];
  if (typeof volgende !== 'string' || volgende === '') {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', 'feed: expected a non-empty volgende attribute on <Berichtenfeed>');
  }
  const meer = feed['@_meer'];
  if (meer !== 'true' && meer !== 'false') {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', 'feed: expected meer="true" or meer="false" on <Berichtenfeed>');
  }
  const entries = feed['Bericht'] === undefined ? [] : feed['Bericht'];
  if (!Array.isArray(entries)) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', 'feed: expected <Bericht> entries');
  }

  const berichten: JeugdBerichtRecord[] = [];
  const rejected: RejectedBericht[] = [];
  for (const entry of entries) {
    const positie = isObject(entry) && typeof entry['@_positie'] === 'string' ? entry['@_positie'] : null;
    if (positie === null || positie === '') {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', 'feed: expected a positie attribute on every <Bericht>');
    }
    try {
      const message = (entry as Record<string, unknown>)['Bericht'];
      if (!isObject(message)) throw new FormatError('expected one iJw <Bericht> message inside the feed entry');
      berichten.push(toRecord(message, positie));
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      rejected.push({ positie, reden: error.message });
    }
  }
  return { berichten, rejected, volgende, meer: meer === 'true' };
}

/**
 * Parses one standalone iJw JW301, JW305 or JW307 message (`<jw3xx:Bericht>` root).
 *
 * @throws SourceError `SOURCE_PROTOCOL_ERROR` when it is not such a message; the message says
 * which element and what was expected.
 */
export function parseJeugdBericht(xml: string, positie: string | null = null): JeugdBerichtRecord {
  const doc = parseDocument(xml, 'message');
  const message = doc['Bericht'];
  if (!isObject(message)) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', 'message: expected a <Bericht> root element');
  }
  try {
    return toRecord(message, positie);
  } catch (error) {
    if (error instanceof FormatError) throw new SourceError('SOURCE_PROTOCOL_ERROR', `message: ${error.message}`);
    throw error;
  }
}

function parseDocument(xml: string, what: string): Record<string, unknown> {
  // The validator's own error text is dropped: it may quote the offending tag or text, and the
  // feed carries names and addresses.
  if (XMLValidator.validate(xml) !== true) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected well-formed XML`);
  }
  const doc: unknown = parser.parse(xml);
  if (!isObject(doc)) throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected an XML document`);
  return doc;
}

function toRecord(message: Record<string, unknown>, positie: string | null): JeugdBerichtRecord {
  const header = requireObject(message, 'Header');
  const berichtCode = requireText(header, 'BerichtCode', 'Header');
  const soort = BERICHT_CODES[berichtCode];
  if (soort === undefined) {
    throw new FormatError('Header/BerichtCode: expected 436 (JW301), 438 (JW305) or 440 (JW307)');
  }
  if (requireText(header, 'BerichtVersie', 'Header') !== '3') {
    throw new FormatError('Header/BerichtVersie: expected 3 (iJw 3.x)');
  }
  const identificatie = requireText(header, 'BerichtIdentificatie/Identificatie', 'Header');
  const dagtekening = requireDate(header, 'BerichtIdentificatie/Dagtekening', 'Header');
  // JW301 goes gemeente → provider, JW305/JW307 provider → gemeente.
  const gemeenteFirst = soort === 'JW301';
  const afzender = requireCode(header, 'Afzender', gemeenteFirst ? GEMEENTE : AGB, 'Header');
  const ontvanger = requireCode(header, 'Ontvanger', gemeenteFirst ? AGB : GEMEENTE, 'Header');

  const client = requireObject(message, 'Client');
  const bsn = requireText(client, 'Bsn', 'Client');
  if (!isValidBsn(bsn)) throw new FormatError('Client/Bsn: expected a burgerservicenummer (9 digits passing the elfproef)');

  const base = {
    id: `${soort}:${afzender}:${identificatie}`,
    berichtCode,
    identificatie,
    dagtekening,
    afzender,
    ontvanger,
    burgerservicenummer: bsn,
    positie,
  };

  switch (soort) {
    case 'JW301': {
      const products = requireList(client, 'ToegewezenProducten', 'ToegewezenProduct');
      return { ...base, soort, toewijzingen: products.map((p, i) => toToewijzing(p, bsn, `Client/ToegewezenProducten/ToegewezenProduct[${i + 1}]`)) };
    }
    case 'JW305': {
      const products = requireList(client, 'StartProducten', 'StartProduct');
      return { ...base, soort, startProducten: products.map((p, i) => toStart(p, `Client/StartProducten/StartProduct[${i + 1}]`)) };
    }
    case 'JW307': {
      const products = requireList(client, 'StopProducten', 'StopProduct');
      return { ...base, soort, stopProducten: products.map((p, i) => toStop(p, `Client/StopProducten/StopProduct[${i + 1}]`)) };
    }
  }
}

function toToewijzing(node: unknown, bsn: string, at: string): JeugdhulpRecord {
  const p = asObject(node, at);
  const product = optionalObject(p, 'Product', at);
  const ingangsdatum = requireDate(p, 'Ingangsdatum', at);
  const einddatum = optionalDate(p, 'Einddatum', at);
  if (einddatum !== null && einddatum < ingangsdatum) {
    throw new FormatError(`${at}/Einddatum: expected a date on or after Ingangsdatum`);
  }
  return {
    burgerservicenummer: bsn,
    toewijzingNummer: requireCode(p, 'ToewijzingNummer', NUMMER, at),
    // A generic toewijzing has no Product and an aspecific one no Code; the record has no null
    // for these, so they become empty strings (the schema documents "" as "not specified").
    productCategorie: product ? optionalCode(product, 'Categorie', CATEGORIE, `${at}/Product`) ?? '' : '',
    productCode: product ? optionalCode(product, 'Code', PRODUCTCODE, `${at}/Product`) ?? '' : '',
    // iJw has no description element; the gemeente puts it in Commentaar (free text).
    omschrijving: optionalText(p, 'Commentaar', at),
    // Verwijzer {Type (COD327)} is carried as in JW315's AangevraagdProduct.
    verwijzer: optionalCode(p, 'Verwijzer/Type', VERWIJZER, at),
    ingangsdatum,
    einddatum,
    startZorg: null,
    stopZorg: null,
    omvang: toOmvang(optionalObject(p, 'Omvang', at), `${at}/Omvang`),
  };
}

function toOmvang(node: Record<string, unknown> | null, at: string): Omvang | null {
  if (node === null) return null;
  const volume = requireText(node, 'Volume', at);
  if (!/^[0-9]{1,8}$/.test(volume)) throw new FormatError(`${at}/Volume: expected a whole number of at most 8 digits`);
  return {
    volume: Number(volume),
    eenheid: requireCode(node, 'Eenheid', EENHEID, at),
    frequentie: requireCode(node, 'Frequentie', FREQUENTIE, at),
  };
}

function toVerwijzing(p: Record<string, unknown>, at: string): ProductVerwijzing {
  const product = optionalObject(p, 'Product', at);
  const status = requireText(p, 'StatusAanlevering', at);
  if (status !== '1' && status !== '2' && status !== '3') {
    throw new FormatError(`${at}/StatusAanlevering: expected 1, 2 or 3`);
  }
  return {
    toewijzingNummer: optionalCode(p, 'ToewijzingNummer', NUMMER, at),
    productCategorie: product ? optionalCode(product, 'Categorie', CATEGORIE, `${at}/Product`) : null,
    productCode: product ? optionalCode(product, 'Code', PRODUCTCODE, `${at}/Product`) : null,
    toewijzingIngangsdatum: optionalDate(p, 'ToewijzingIngangsdatum', at),
    statusAanlevering: status as StatusAanlevering,
  };
}

function toStart(node: unknown, at: string): StartProductRecord {
  const p = asObject(node, at);
  return { ...toVerwijzing(p, at), begindatum: requireDate(p, 'Begindatum', at) };
}

function toStop(node: unknown, at: string): StopProductRecord {
  const p = asObject(node, at);
  const begindatum = requireDate(p, 'Begindatum', at);
  const einddatum = requireDate(p, 'Einddatum', at);
  if (einddatum < begindatum) throw new FormatError(`${at}/Einddatum: expected a date on or after Begindatum`);
  return {
    ...toVerwijzing(p, at),
    begindatum,
    einddatum,
    redenBeeindiging: requireCode(p, 'RedenBeeindiging', TWEE_CIJFERS, at),
  };
}

// --- field access --------------------------------------------------------------------------

interface CodeRule {
  pattern: RegExp;
  expected: string;
}
const GEMEENTE: CodeRule = { pattern: /^[0-9]{4}$/, expected: 'a gemeente code (4 digits)' };
const AGB: CodeRule = { pattern: /^[0-9]{8}$/, expected: 'an AGB code (8 digits)' };
const NUMMER: CodeRule = { pattern: /^[A-Za-z0-9-]{1,20}$/, expected: 'a number of 1 to 20 letters or digits' };
const CATEGORIE: CodeRule = { pattern: /^[0-9]{2}$/, expected: 'a productcategorie (JZ020, 2 digits)' };
const PRODUCTCODE: CodeRule = { pattern: /^[A-Za-z0-9]{1,5}$/, expected: 'a productcode (1 to 5 letters or digits)' };
const VERWIJZER: CodeRule = { pattern: /^0[1-8]$/, expected: 'a verwijzer code (COD327, 2 digits)' };
const EENHEID: CodeRule = { pattern: /^[0-9]{2}$/, expected: 'an eenheid code (WJ756, 2 digits)' };
const FREQUENTIE: CodeRule = { pattern: /^[0-9]$/, expected: 'a frequentie code (WMO757, 1 digit)' };
const TWEE_CIJFERS: CodeRule = { pattern: /^[0-9]{2}$/, expected: 'a code of 2 digits' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, at: string): Record<string, unknown> {
  if (!isObject(value)) throw new FormatError(`${at}: expected child elements`);
  return value;
}

/** Walks a slash path; undefined when any step is missing. */
function lookup(node: Record<string, unknown>, path: string): unknown {
  let current: unknown = node;
  for (const step of path.split('/')) {
    if (!isObject(current)) return undefined;
    current = current[step];
  }
  return current;
}

function where(at: string | undefined, path: string): string {
  return at === undefined ? path : `${at}/${path}`;
}

function optionalText(node: Record<string, unknown>, path: string, at?: string): string | null {
  const value = lookup(node, path);
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new FormatError(`${where(at, path)}: expected text, not child elements`);
  return value;
}

function requireText(node: Record<string, unknown>, path: string, at?: string): string {
  const value = optionalText(node, path, at);
  if (value === null) throw new FormatError(`${where(at, path)}: expected a value, found none`);
  return value;
}

function optionalCode(node: Record<string, unknown>, path: string, rule: CodeRule, at?: string): string | null {
  const value = optionalText(node, path, at);
  if (value !== null && !rule.pattern.test(value)) throw new FormatError(`${where(at, path)}: expected ${rule.expected}`);
  return value;
}

function requireCode(node: Record<string, unknown>, path: string, rule: CodeRule, at?: string): string {
  const value = optionalCode(node, path, rule, at);
  if (value === null) throw new FormatError(`${where(at, path)}: expected ${rule.expected}, found none`);
  return value;
}

function optionalDate(node: Record<string, unknown>, path: string, at?: string): string | null {
  const value = optionalText(node, path, at);
  if (value !== null && !isIsoDate(value)) throw new FormatError(`${where(at, path)}: expected a date YYYY-MM-DD`);
  return value;
}

function requireDate(node: Record<string, unknown>, path: string, at?: string): string {
  const value = optionalDate(node, path, at);
  if (value === null) throw new FormatError(`${where(at, path)}: expected a date YYYY-MM-DD, found none`);
  return value;
}

function optionalObject(node: Record<string, unknown>, name: string, at: string): Record<string, unknown> | null {
  const value = node[name];
  if (value === undefined || value === '') return null;
  if (!isObject(value)) throw new FormatError(`${at}/${name}: expected child elements`);
  return value;
}

function requireObject(node: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = node[name];
  if (!isObject(value)) throw new FormatError(`${name}: expected an element with child elements`);
  return value;
}

function requireList(client: Record<string, unknown>, wrapper: string, item: string): unknown[] {
  const list = lookup(client, `${wrapper}/${item}`);
  if (!Array.isArray(list) || list.length === 0) {
    throw new FormatError(`Client/${wrapper}: expected at least one ${item}`);
  }
  return list;
}

/** A real calendar date in ISO form (rejects 2024-02-30). */
function isIsoDate(value: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
