/**
 * The stand-in's own StUF 3.01 wire code: namespaces, escaping, stuurgegevens, and the object
 * shapes of its small sectormodel. Deliberately not shared with the adapter: if both sides used
 * one helper, a bug in it would be invisible to the round-trip tests.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Besluit, Uitkering, WmoVoorziening } from '../../../municipality/types';

export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const STUF_NS = 'http://www.egem.nl/StUF/StUF0301';
/** The stand-in's sectormodel: Wmo voorzieningen (WVZ) and Participatiewet uitkeringen (UIT). */
export const SOC_NS = 'http://www.ontschot.nl/StUF/sector/soc/0100';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export interface StufSystem {
  organisatie: string;
  applicatie: string;
  administratie?: string;
  gebruiker?: string;
}

export type Entiteittype = 'WVZ' | 'UIT';

export function esc(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_NS}" xmlns:StUF="${STUF_NS}" xmlns:SOC="${SOC_NS}" xmlns:xsi="${XSI_NS}">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/**
 * StUF tijdstip (yyyyMMddHHmmssSSS) in Dutch local time: StUF carries no zone, and Dutch back
 * offices write their wall clock.
 */
export function tijdstip(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}${ms}`;
}

function system(tag: 'zender' | 'ontvanger', s: StufSystem): string {
  const opt = (name: string, v: string | undefined) => (v === undefined ? '' : `<StUF:${name}>${esc(v)}</StUF:${name}>`);
  return (
    `<StUF:${tag}>` +
    opt('organisatie', s.organisatie) +
    opt('applicatie', s.applicatie) +
    opt('administratie', s.administratie) +
    opt('gebruiker', s.gebruiker) +
    `</StUF:${tag}>`
  );
}

interface Stuurgegevens {
  berichtcode: string;
  zender: StufSystem;
  ontvanger?: StufSystem;
  referentienummer: string;
  tijdstipBericht: string;
  crossRefnummer?: string;
  entiteittype?: string;
}

/** The children of a stuurgegevens element, in the order the StUF schema prescribes. */
export function stuurgegevens(s: Stuurgegevens): string {
  return (
    `<StUF:berichtcode>${esc(s.berichtcode)}</StUF:berichtcode>` +
    system('zender', s.zender) +
    (s.ontvanger ? system('ontvanger', s.ontvanger) : '') +
    `<StUF:referentienummer>${esc(s.referentienummer)}</StUF:referentienummer>` +
    `<StUF:tijdstipBericht>${esc(s.tijdstipBericht)}</StUF:tijdstipBericht>` +
    (s.crossRefnummer !== undefined ? `<StUF:crossRefnummer>${esc(s.crossRefnummer)}</StUF:crossRefnummer>` : '') +
    (s.entiteittype !== undefined ? `<StUF:entiteittype>${esc(s.entiteittype)}</StUF:entiteittype>` : '')
  );
}

// ---- objects -------------------------------------------------------------------------------

/** An element with a value, or StUF's explicit "no value" marker (never an empty element). */
function field(name: string, value: string | undefined): string {
  return value === undefined || value === ''
    ? `<SOC:${name} xsi:nil="true" StUF:noValue="geenWaarde"/>`
    : `<SOC:${name}>${esc(value)}</SOC:${name}>`;
}

/** ISO date → StUF date (yyyyMMdd). The world is trusted, but a bad date must not go out silently. */
function stufDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`expected an ISO date (YYYY-MM-DD), got ${iso.length} characters`);
  return `${m[1]}${m[2]}${m[3]}`;
}

function client(relation: string, bsn: string): string {
  return (
    `<SOC:isToegekendAan StUF:entiteittype="${relation}">` +
    `<SOC:gerelateerde StUF:entiteittype="NPS"><SOC:inp.bsn>${esc(bsn)}</SOC:inp.bsn></SOC:gerelateerde>` +
    `</SOC:isToegekendAan>`
  );
}

function objectOpen(entiteittype: Entiteittype, sleutel: string, verwerkingssoort?: string): string {
  return (
    `<SOC:object StUF:entiteittype="${entiteittype}" StUF:sleutelVerzendend="${esc(sleutel)}"` +
    (verwerkingssoort ? ` StUF:verwerkingssoort="${verwerkingssoort}"` : '') +
    '>'
  );
}

/** A Wmo voorziening as a WVZ object, shaped like an iWmo ToegewezenProduct. */
export function wvzObject(v: WmoVoorziening, verwerkingssoort?: string): string {
  const omvang = v.omvang
    ? `<SOC:omvang><SOC:volume>${esc(String(v.omvang.volume))}</SOC:volume>` +
      `<SOC:eenheid>${esc(v.omvang.eenheid)}</SOC:eenheid>` +
      `<SOC:frequentie>${esc(v.omvang.frequentie)}</SOC:frequentie></SOC:omvang>`
    : '<SOC:omvang xsi:nil="true" StUF:noValue="geenWaarde"/>';
  return (
    objectOpen('WVZ', v.toewijzingNummer, verwerkingssoort) +
    field('toewijzingNummer', v.toewijzingNummer) +
    field('productCategorie', v.productCategorie) +
    field('productCode', v.productCode) +
    field('omschrijving', v.omschrijving) +
    field('ingangsdatum', stufDate(v.ingangsdatum)) +
    field('einddatum', stufDate(v.einddatum)) +
    omvang +
    field('leveringsvorm', v.leveringsvorm) +
    client('WVZNPS', v.bsn) +
    '</SOC:object>'
  );
}

function besluit(b: Besluit): string {
  return (
    '<SOC:heeftBesluit StUF:entiteittype="UITBSL"><SOC:gerelateerde StUF:entiteittype="BSL">' +
    field('soort', b.soort) +
    field('datum', stufDate(b.datum)) +
    field('toelichting', b.toelichting) +
    '</SOC:gerelateerde></SOC:heeftBesluit>'
  );
}

/** A Participatiewet uitkering as a UIT object, with its besluiten as related BSL objects. */
export function uitObject(u: Uitkering, verwerkingssoort?: string): string {
  return (
    objectOpen('UIT', u.dossierNummer, verwerkingssoort) +
    field('dossierNummer', u.dossierNummer) +
    field('soort', u.soort) +
    field('omschrijving', u.omschrijving) +
    field('ingangsdatum', stufDate(u.ingangsdatum)) +
    field('einddatum', stufDate(u.einddatum)) +
    client('UITNPS', u.bsn) +
    u.besluiten.map(besluit).join('') +
    '</SOC:object>'
  );
}

// ---- reading ---------------------------------------------------------------------------------

/**
 * A parsed node: every child element is an array (so one and many look alike), text stays a
 * string ("02" must not become 2), and namespace prefixes are dropped — the stand-in accepts any
 * prefix its callers choose, and checks the namespaces once on the raw document instead.
 */
export type Node = { [name: string]: Node[] | string | undefined } & { '#text'?: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Parses a document, or returns null when it is not well-formed or declares a DTD. */
export function readXml(xml: string): Node | null {
  // SOAP 1.1 forbids DTDs, and refusing them rules out entity-expansion tricks.
  if (xml.trim() === '' || /<!DOCTYPE/i.test(xml)) return null;
  if (XMLValidator.validate(xml) !== true) return null;
  return parser.parse(xml) as Node;
}

export function declares(xml: string, namespace: string): boolean {
  return xml.includes(`="${namespace}"`) || xml.includes(`='${namespace}'`);
}

export function kids(node: Node | undefined, name: string): Node[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

export function kid(node: Node | undefined, name: string): Node | undefined {
  return kids(node, name)[0];
}

export function textOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const t = node['#text'];
  return typeof t === 'string' ? t : undefined;
}

export function attr(node: Node | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** Element names of a node's children (attributes and text excluded). */
export function elementNames(node: Node | undefined): string[] {
  return node ? Object.keys(node).filter((k) => !k.startsWith('@_') && k !== '#text') : [];
}

export function readSystem(node: Node | undefined): StufSystem | undefined {
  if (!node) return undefined;
  const organisatie = textOf(kid(node, 'organisatie'));
  const applicatie = textOf(kid(node, 'applicatie'));
  if (!organisatie || !applicatie) return undefined;
  const administratie = textOf(kid(node, 'administratie')) || undefined;
  const gebruiker = textOf(kid(node, 'gebruiker')) || undefined;
  return { organisatie, applicatie, ...(administratie ? { administratie } : {}), ...(gebruiker ? { gebruiker } : {}) };
}
