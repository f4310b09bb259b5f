/**
 * The adapter's own StUF XML reading and writing (the stand-in has separate code on purpose).
 *
 * Reading resolves namespaces properly instead of trusting prefixes: one back office writes
 * `StUF:`, another `ns0:` or a default namespace, and a message in the wrong namespace (say
 * StUF0204) must not be read as if it were StUF 3.01. Text is never coerced, so "02" and a BSN
 * with a leading zero stay strings.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceError, describeCode } from './source-error';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  StUF: 'http://www.egem.nl/StUF/StUF0301',
  SOC: 'http://www.ontschot.nl/StUF/sector/soc/0100',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

const PREFIX_OF = new Map<string, string>(Object.entries(NS).map(([prefix, uri]) => [uri, prefix]));

/** An element with its namespace resolved. */
export interface XmlElement {
  readonly ns: string;
  readonly name: string;
  /** Keyed `{namespace}local` for namespaced attributes, plain `local` otherwise. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text, trimmed; '' when it has none. */
  readonly text: string;
}

/** `SOC:einddatum` for messages: canonical prefixes, whatever the sender used. */
export function qname(ns: string, name: string): string {
  const prefix = PREFIX_OF.get(ns);
  return prefix ? `${prefix}:${name}` : ns ? `{${ns}}${name}` : name;
}

export function describe(el: XmlElement): string {
  return `<${qname(el.ns, el.name)}>`;
}

type Ordered = Array<Record<string, unknown>>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // fast-xml-parser decodes the five named entities but leaves numeric references (&#233;) as
  // they are, and decoding them afterwards would turn a literal "&amp;#38;" into "&". So the
  // parser decodes nothing and decodeEntities does all of it in one pass; CDATA stays apart
  // because its content is literal.
  processEntities: false,
  cdataPropName: '#cdata',
});

const NAMED_ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITY[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Parses a whole document; anything but one well-formed root element is a protocol error. */
export function parseXml(xml: string, what: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected an XML document, got an empty body`);
  }
  // SOAP 1.1 forbids a DTD in a message; refusing it also rules out entity expansion attacks.
  if (/<!DOCTYPE/i.test(xml)) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected a SOAP message, got a document with a DTD`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected well-formed XML, got a document that is not (line ${valid.err.line})`,
    );
  }
  const roots = (parser.parse(xml) as Ordered).filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected one root element, got ${roots.length}`);
  }
  return convert(roots[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), what);
}

function elementName(node: Record<string, unknown>): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata' && !k.startsWith('?'));
}

function split(qualified: string): [string | undefined, string] {
  const i = qualified.indexOf(':');
  return i < 0 ? [undefined, qualified] : [qualified.slice(0, i), qualified.slice(i + 1)];
}

function convert(node: Record<string, unknown>, inherited: Map<string, string>, what: string): XmlElement {
  const tag = elementName(node) as string;
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  let scope = inherited;
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === inherited) scope = new Map(inherited);
      scope.set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  const resolve = (prefix: string | undefined, isAttribute: boolean): string => {
    if (prefix === undefined) return isAttribute ? '' : (scope.get('') ?? '');
    const uri = scope.get(prefix);
    if (uri === undefined) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected declared namespace prefixes, got an undeclared one`);
    }
    return uri;
  };
  const [prefix, name] = split(tag);
  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    const [attrPrefix, local] = split(key);
    const ns = resolve(attrPrefix, true);
    attributes.set(ns ? `{${ns}}${local}` : local, decodeEntities(String(value)));
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[tag] ?? []) as Ordered) {
    if ('#cdata' in child) {
      for (const part of child['#cdata'] as Ordered) text += String(part['#text'] ?? '');
    } else if ('#text' in child && elementName(child) === undefined) {
      text += decodeEntities(String(child['#text']));
    } else if (elementName(child) !== undefined) {
      children.push(convert(child, scope, what));
    }
  }
  return { ns: resolve(prefix, false), name, attributes, children, text: text.trim() };
}

// ---- navigation ----------------------------------------------------------------------------

export function attribute(el: XmlElement, ns: string, name: string): string | undefined {
  return el.attributes.get(ns ? `{${ns}}${name}` : name);
}

export function all(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.name === name);
}

/** The child, or undefined; more than one is a protocol error (the schema allows one). */
export function optional(el: XmlElement, ns: string, name: string, what: string): XmlElement | undefined {
  const found = all(el, ns, name);
  if (found.length > 1) {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected at most one <${qname(ns, name)}> in ${describe(el)}, got ${found.length}`,
    );
  }
  return found[0];
}

export function required(el: XmlElement, ns: string, name: string, what: string): XmlElement {
  const found = optional(el, ns, name, what);
  if (!found) {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected <${qname(ns, name)}> in ${describe(el)}, got none`);
  }
  return found;
}

/**
 * StUF's way of saying "no value": `StUF:noValue` (geenWaarde, waardeOnbekend, …) and/or
 * `xsi:nil="true"`. Either one is enough; some back offices send only one of the two.
 */
export function isNoValue(el: XmlElement): boolean {
  const nil = attribute(el, NS.xsi, 'nil');
  return attribute(el, NS.StUF, 'noValue') !== undefined || nil === 'true' || nil === '1';
}

/** The text of an optional child; absent, noValue or empty → null. */
export function optionalText(el: XmlElement, ns: string, name: string, what: string): string | null {
  const child = optional(el, ns, name, what);
  if (!child || isNoValue(child) || child.text === '') return null;
  return child.text;
}

export function requiredText(el: XmlElement, ns: string, name: string, what: string): string {
  const value = optionalText(el, ns, name, what);
  if (value === null) {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected a value in <${qname(ns, name)}> of ${describe(el)}, got none`,
    );
  }
  return value;
}

/** Body of a SOAP 1.1 envelope: its single message element. */
export function soapBody(root: XmlElement, what: string): XmlElement {
  if (root.ns !== NS.soap || root.name !== 'Envelope') {
    throw new SourceError('SOURCE_PROTOCOL_ERROR', `${what}: expected <soap:Envelope> (SOAP 1.1), got ${describe(root)}`);
  }
  const body = required(root, NS.soap, 'Body', what);
  if (body.children.length !== 1) {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected one message in <soap:Body>, got ${body.children.length}`,
    );
  }
  return body.children[0];
}

// ---- stuurgegevens -------------------------------------------------------------------------

/** A StUF system: zender or ontvanger. */
export interface StufSysteem {
  organisatie: string;
  applicatie: string;
  administratie?: string;
  gebruiker?: string;
}

export function readSysteem(el: XmlElement, what: string): StufSysteem {
  const administratie = optionalText(el, NS.StUF, 'administratie', what);
  const gebruiker = optionalText(el, NS.StUF, 'gebruiker', what);
  return {
    organisatie: requiredText(el, NS.StUF, 'organisatie', what),
    applicatie: requiredText(el, NS.StUF, 'applicatie', what),
    ...(administratie !== null ? { administratie } : {}),
    ...(gebruiker !== null ? { gebruiker } : {}),
  };
}

const BERICHTCODES = ['Lv01', 'La01', 'Lk01', 'Bv01', 'Fo01', 'Fo02', 'Fo03', 'Bv02', 'Bv03', 'Lk02'] as const;

/** Checks the berichtcode in a stuurgegevens element. */
export function expectBerichtcode(stuurgegevens: XmlElement, expected: string, what: string): void {
  const code = optionalText(stuurgegevens, NS.StUF, 'berichtcode', what) ?? undefined;
  if (code !== expected) {
    throw new SourceError(
      'SOURCE_PROTOCOL_ERROR',
      `${what}: expected berichtcode ${expected}, got ${describeCode(code, BERICHTCODES)}`,
    );
  }
}

// ---- writing -------------------------------------------------------------------------------

const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPE[c]);
}

export function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:StUF="${NS.StUF}" xmlns:SOC="${NS.SOC}" xmlns:xsi="${NS.xsi}">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export function writeSysteem(tag: 'zender' | 'ontvanger', s: StufSysteem): string {
  const part = (name: keyof StufSysteem) => {
    const v = s[name];
    return v === undefined || v === '' ? '' : `<StUF:${name}>${esc(v)}</StUF:${name}>`;
  };
  return `<StUF:${tag}>${part('organisatie')}${part('applicatie')}${part('administratie')}${part('gebruiker')}</StUF:${tag}>`;
}

/** Dutch wall-clock parts of an instant (hours 00–23). */
const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * StUF tijdstip yyyyMMddHHmmssSSS, in Dutch wall-clock time (StUF has no zone field and Dutch
 * systems read it as local time).
 */
export function formatTijdstip(date: Date): string {
  const p: Record<string, string> = {};
  for (const part of AMSTERDAM.formatToParts(date)) p[part.type] = part.value;
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}${String(date.getMilliseconds()).padStart(3, '0')}`;
}

// ---- reading a tijdstip --------------------------------------------------------------------

const TIJDSTIP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{0,3})$/;

/**
 * The wall-clock reading of a StUF tijdstip (yyyyMMddHHmmss, then up to three digits of a second)
 * as if it were UTC, in ms; null when the text is not one or names no calendar time (month 13,
 * 31 April, hour 24).
 */
function wallClockOf(text: string): number | null {
  const m = TIJDSTIP.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = Number(m[7].padEnd(3, '0'));
  // setUTCFullYear, not Date.UTC: that one reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const same =
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d &&
    date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
  return same ? date.getTime() : null;
}

/** Whether `text` is a StUF tijdstip naming a calendar time (yyyyMMddHHmmss[SSS]). */
export function isTijdstip(text: string): boolean {
  return wallClockOf(text) !== null;
}

const DAY_MS = 86_400_000;

/** What a Dutch wall clock showed at `instant` (ms), read as if it were UTC, in ms. */
function dutchWallClock(instant: number): number {
  const p: Record<string, number> = {};
  for (const part of AMSTERDAM.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const date = new Date(0);
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  // Zone offsets are whole minutes, so the instant's milliseconds are the wall clock's too.
  date.setUTCHours(p.hour, p.minute, p.second, ((instant % 1000) + 1000) % 1000);
  return date.getTime();
}

/**
 * A StUF tijdstip as the instant it names: ISO 8601 in UTC with milliseconds, fixed width, so
 * that such texts sort (bytewise) in time order. The tijdstip is Dutch wall-clock time, which
 * StUF writes without a zone (see formatTijdstip).
 *
 * Once a year, in the hour the clocks go back, a wall-clock reading names two instants an hour
 * apart; the one nearer `near` (when we received it, by our clock) is taken, which is right for
 * any sender whose clock is within half an hour of ours. A reading the clocks skip when they go
 * forward, which a Dutch clock never shows, is read at the offset before the change.
 *
 * @throws RangeError when `text` is not a tijdstip (check with isTijdstip first).
 */
export function tijdstipToIso(text: string, near: Date): string {
  const wall = wallClockOf(text);
  if (wall === null) throw new RangeError('expected a StUF tijdstip (yyyyMMddHHmmss[SSS])');
  // The offsets in force a day either side cover any change of offset near this reading.
  const before = dutchWallClock(wall - DAY_MS) - (wall - DAY_MS);
  const after = dutchWallClock(wall + DAY_MS) - (wall + DAY_MS);
  const candidates = [...new Set([wall - before, wall - after])].filter((instant) => dutchWallClock(instant) === wall);
  const target = near.getTime();
  const instant =
    candidates.length === 0
      ? wall - before
      : candidates.reduce((best, c) => (Math.abs(c - target) < Math.abs(best - target) ? c : best));
  return new Date(instant).toISOString();
}
