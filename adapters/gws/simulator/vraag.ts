/**
 * How the stand-in answers a StUF Lv01 vraagbericht: validation into a typed question (or a
 * StUF fout), selection, paging, and the La01 / Fo02 messages.
 */
import type { Uitkering, WmoVoorziening } from '../../../municipality/types';
import {
  SOC_NS,
  STUF_NS,
  attr,
  declares,
  elementNames,
  envelope,
  esc,
  kid,
  kids,
  readSystem,
  readXml,
  stuurgegevens,
  textOf,
  uitObject,
  wvzObject,
  type Entiteittype,
  type Node,
  type StufSystem,
} from './stuf-wire';

/** A StUF foutcode with the fixed text the stand-in sends; texts never echo request content. */
interface StufFout {
  code: string;
  plek: 'client' | 'server';
  omschrijving: string;
}

const FOUT = {
  StUF010: 'Combinatie van ontvangende organisatie, applicatie en administratie onbekend',
  StUF022: 'Berichtcode onbekend',
  StUF025: 'Berichtcode niet ondersteund',
  StUF028: 'Entiteittype onbekend binnen sectormodel',
  StUF055: 'Berichtbody is niet conform schema in sectormodel',
  StUF091: 'Een sleutel en andere elementen gespecificeerd als selectiecriterium',
  StUF103: 'indicatorVervolgvraag is true, maar het element <start> ontbreekt',
  StUF133: 'Antwoordend systeem ondersteunt gevraagde sortering niet',
} as const;

/** Codes from StUF's server-side list; everything else the stand-in reports is the client's fault. */
const SERVER_CODES = new Set(['StUF025']);

function fout(code: keyof typeof FOUT, details?: string): StufFout & { details?: string } {
  return { code, plek: SERVER_CODES.has(code) ? 'server' : 'client', omschrijving: FOUT[code], details };
}

/** Berichtcodes StUF 3.01 defines; one of these that we do not answer is "niet ondersteund". */
const STUF_BERICHTCODE = /^(Lv(0[1-9]|1[0-4])|La(0[1-9]|1[0-4])|Lk0[1-6]|Sa0[1-4]|Sh0[1-4]|Bv0[1-4]|Fo0[1-3]|Di0[12]|Du0[12]|Tr01)$/;

interface Vraag {
  entiteittype: Entiteittype;
  zender: StufSystem;
  referentienummer: string;
  maximumAantal?: number;
  bsn?: string;
  sleutel?: string;
  /** Exclusive lower bound: the key of the last object of the previous answer. */
  start?: string;
}

type Parsed =
  | { ok: true; vraag: Vraag }
  | { ok: false; fout: StufFout & { details?: string }; zender?: StufSystem; referentienummer?: string };

const KEY_ELEMENT: Record<Entiteittype, string> = { WVZ: 'toewijzingNummer', UIT: 'dossierNummer' };
const CLIENT_RELATION: Record<Entiteittype, string> = { WVZ: 'WVZNPS', UIT: 'UITNPS' };

function sameSystem(a: StufSystem, b: StufSystem): boolean {
  return (
    a.organisatie === b.organisatie &&
    a.applicatie === b.applicatie &&
    (a.administratie === undefined || b.administratie === undefined || a.administratie === b.administratie)
  );
}

/** Reads and validates an Lv01; `self` is who the stand-in is (the expected ontvanger). */
export function parseVraag(xml: string, self: StufSystem): Parsed {
  const doc = readXml(xml);
  if (!doc) return { ok: false, fout: fout('StUF055', 'het bericht is geen well-formed XML') };
  if (!declares(xml, STUF_NS) || !declares(xml, SOC_NS)) {
    return { ok: false, fout: fout('StUF055', 'namespace StUF0301 of het sectormodel ontbreekt') };
  }
  const body = kid(kid(doc, 'Envelope'), 'Body');
  const names = elementNames(body);
  if (!body || names.length !== 1 || kids(body, names[0]).length !== 1) {
    return { ok: false, fout: fout('StUF055', 'soap:Body moet precies een bericht bevatten') };
  }
  const messageName = names[0];
  const message = kid(body, messageName) as Node;
  const sg = kid(message, 'stuurgegevens');
  const zender = readSystem(kid(sg, 'zender'));
  const referentienummer = textOf(kid(sg, 'referentienummer')) || undefined;
  const refuse = (f: StufFout & { details?: string }): Parsed => ({ ok: false, fout: f, zender, referentienummer });

  if (!sg) return refuse(fout('StUF055', 'stuurgegevens ontbreken'));
  const berichtcode = textOf(kid(sg, 'berichtcode')) ?? '';
  if (berichtcode !== 'Lv01') return refuse(fout(STUF_BERICHTCODE.test(berichtcode) ? 'StUF025' : 'StUF022'));
  const entiteittype = textOf(kid(sg, 'entiteittype')) ?? '';
  if (entiteittype !== 'WVZ' && entiteittype !== 'UIT') return refuse(fout('StUF028'));
  if (messageName !== `${entiteittype.toLowerCase()}Lv01`) {
    return refuse(fout('StUF055', 'berichtnaam past niet bij entiteittype'));
  }
  if (!zender) return refuse(fout('StUF055', 'zender zonder organisatie en applicatie'));
  const ontvanger = readSystem(kid(sg, 'ontvanger'));
  if (!ontvanger || !sameSystem(ontvanger, self)) return refuse(fout('StUF010'));
  if (!referentienummer) return refuse(fout('StUF055', 'referentienummer ontbreekt'));
  if (!/^\d{14,17}$/.test(textOf(kid(sg, 'tijdstipBericht')) ?? '')) {
    return refuse(fout('StUF055', 'tijdstipBericht ontbreekt of is geen yyyyMMddHHmmss[SSS]'));
  }

  const parameters = kid(message, 'parameters');
  const sortering = textOf(kid(parameters, 'sortering')) ?? '1';
  // Sortering 0 (none asked) and 1 (by key) both get key order: stable pages need one order.
  if (sortering !== '0' && sortering !== '1') return refuse(fout('StUF133'));
  const vervolgText = textOf(kid(parameters, 'indicatorVervolgvraag')) ?? 'false';
  if (vervolgText !== 'true' && vervolgText !== 'false') {
    return refuse(fout('StUF055', 'indicatorVervolgvraag is geen boolean'));
  }
  const maxText = textOf(kid(parameters, 'maximumAantal'));
  let maximumAantal: number | undefined;
  if (maxText !== undefined) {
    if (!/^[1-9]\d{0,5}$/.test(maxText)) return refuse(fout('StUF055', 'maximumAantal is geen positief geheel getal'));
    maximumAantal = Number(maxText);
  }

  const keyName = KEY_ELEMENT[entiteittype];
  let bsn: string | undefined;
  let sleutel: string | undefined;
  const gelijk = kid(message, 'gelijk');
  if (gelijk) {
    const allowed = new Set([keyName, 'isToegekendAan']);
    if (elementNames(gelijk).some((n) => !allowed.has(n))) {
      return refuse(fout('StUF055', 'gelijk bevat een element waarop niet geselecteerd kan worden'));
    }
    sleutel = textOf(kid(gelijk, keyName)) || undefined;
    const relation = kid(gelijk, 'isToegekendAan');
    if (relation) {
      if (attr(relation, 'entiteittype') !== CLIENT_RELATION[entiteittype]) {
        return refuse(fout('StUF055', 'isToegekendAan heeft een onjuist entiteittype'));
      }
      bsn = textOf(kid(kid(relation, 'gerelateerde'), 'inp.bsn')) || undefined;
      if (!bsn || !/^\d{9}$/.test(bsn)) return refuse(fout('StUF055', 'inp.bsn is geen negencijferig nummer'));
    }
    if (sleutel !== undefined && bsn !== undefined) return refuse(fout('StUF091'));
  }

  let start: string | undefined;
  if (vervolgText === 'true') {
    start = textOf(kid(kid(message, 'start'), keyName)) || undefined;
    if (start === undefined) return refuse(fout('StUF103'));
  }
  return { ok: true, vraag: { entiteittype, zender, referentienummer, maximumAantal, bsn, sleutel, start } };
}

interface Page<T> {
  items: T[];
  more: boolean;
}

/**
 * Selects and pages. Order is by key in plain code-unit order, the same order the `start`
 * bound uses, so a record inserted between two pages never shifts what the next page returns.
 */
export function selectPage<T>(
  sortedKeys: readonly string[],
  byKey: ReadonlyMap<string, T>,
  bsnOf: (item: T) => string,
  vraag: Vraag,
  maxPageSize: number,
): Page<T> {
  const limit = Math.min(vraag.maximumAantal ?? maxPageSize, maxPageSize);
  if (vraag.sleutel !== undefined) {
    const item = byKey.get(vraag.sleutel);
    return { items: item && (vraag.start === undefined || vraag.sleutel > vraag.start) ? [item] : [], more: false };
  }
  let from = 0;
  if (vraag.start !== undefined) {
    // Binary search for the first key strictly after `start`.
    let lo = 0;
    let hi = sortedKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedKeys[mid] <= vraag.start) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  const items: T[] = [];
  for (let i = from; i < sortedKeys.length; i++) {
    const item = byKey.get(sortedKeys[i]) as T;
    if (vraag.bsn !== undefined && bsnOf(item) !== vraag.bsn) continue;
    if (items.length === limit) return { items, more: true };
    items.push(item);
  }
  return { items, more: false };
}

export interface AnswerContext {
  self: StufSystem;
  referentienummer: string;
  tijdstipBericht: string;
}

export function la01(vraag: Vraag, page: Page<WmoVoorziening> | Page<Uitkering>, ctx: AnswerContext): string {
  const name = `${vraag.entiteittype.toLowerCase()}La01`;
  const objects =
    vraag.entiteittype === 'WVZ'
      ? (page.items as WmoVoorziening[]).map((v) => wvzObject(v)).join('')
      : (page.items as Uitkering[]).map((u) => uitObject(u)).join('');
  return envelope(
    `<SOC:${name}>` +
      '<SOC:stuurgegevens>' +
      stuurgegevens({
        berichtcode: 'La01',
        zender: ctx.self,
        ontvanger: vraag.zender,
        referentienummer: ctx.referentienummer,
        tijdstipBericht: ctx.tijdstipBericht,
        crossRefnummer: vraag.referentienummer,
        entiteittype: vraag.entiteittype,
      }) +
      '</SOC:stuurgegevens>' +
      `<SOC:parameters><StUF:indicatorVervolgvraag>${page.more}</StUF:indicatorVervolgvraag></SOC:parameters>` +
      (objects ? `<SOC:antwoord>${objects}</SOC:antwoord>` : '') +
      `</SOC:${name}>`,
  );
}

/** A Fo02 foutbericht inside a SOAP 1.1 Fault, as StUF's SOAP binding prescribes. */
export function fo02(
  f: StufFout & { details?: string },
  ctx: AnswerContext & { ontvanger?: StufSystem; crossRefnummer?: string },
): string {
  return envelope(
    '<soap:Fault>' +
      `<faultcode>soap:${f.plek === 'client' ? 'Client' : 'Server'}</faultcode>` +
      `<faultstring>${esc(f.omschrijving)}</faultstring>` +
      '<detail><StUF:Fo02Bericht><StUF:stuurgegevens>' +
      stuurgegevens({
        berichtcode: 'Fo02',
        zender: ctx.self,
        ontvanger: ctx.ontvanger,
        referentienummer: ctx.referentienummer,
        tijdstipBericht: ctx.tijdstipBericht,
        crossRefnummer: ctx.crossRefnummer,
      }) +
      '</StUF:stuurgegevens><StUF:body>' +
      `<StUF:code>${f.code}</StUF:code><StUF:plek>${f.plek}</StUF:plek>` +
      `<StUF:omschrijving>${esc(f.omschrijving)}</StUF:omschrijving>` +
      (f.details ? `<StUF:details>${esc(f.details)}</StUF:details>` : '') +
      '</StUF:body></StUF:Fo02Bericht></detail></soap:Fault>',
  );
}
