/**
 * Stand-in side: renders world facts as iJw 3.2 JW301 / JW305 / JW307 XML, the way a
 * municipality's youth-care registration and the providers' systems send them.
 *
 * Deliberately independent of the adapter's parser (see adapters/jeugd/simulator/index.ts).
 * Element names and order follow the iJw 3.2 XSDs; two documented liberties:
 * - `Verwijzer {Type}` (COD327) is added to ToegewezenProduct, shaped like CDT_Verwijzer in
 *   JW315's AangevraagdProduct, because the hub shows who referred;
 * - the product description goes into `Commentaar`, iJw's free-text element.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Address, Inhabitant, JeugdToewijzing, PartialDate } from '../../../municipality/types';

const NS_BASIS = 'http://www.istandaarden.nl/ijw/3_2/basisschema/schema';
const nsFor = (name: string): string => `http://www.istandaarden.nl/ijw/3_2/${name}/schema`;

/** COD002-VEKT BerichtCode per message. */
const BERICHT_CODE = { JW301: '436', JW305: '438', JW307: '440' } as const;

/** RedenBeeindiging 19: levering volgens plan beëindigd. */
export const REDEN_VOLGENS_PLAN = '19';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressBooleanAttributes: false,
  format: false,
});

/** Who sends what to whom, and the message's identity. */
export interface Envelope {
  gemeenteCode: string;
  /** AGB code of the provider the toewijzing goes to. */
  aanbieder: string;
  identificatie: string;
  dagtekening: string;
}

/** Person data the messages carry about the client, looked up in the world when known. */
export interface ClientData {
  inhabitant?: Inhabitant;
  address?: Address;
}

type Node = Record<string, unknown>;

export function renderJw301(env: Envelope, t: JeugdToewijzing, client: ClientData): string {
  const p = 'jw301';
  return render(p, {
    [`${p}:Header`]: header(p, 'JW301', env.gemeenteCode, env.aanbieder, env),
    [`${p}:Client`]: {
      ...clientIdentity(p, t.bsn, client, true),
      [`${p}:Contactgegevens`]: {
        [`${p}:Contact`]: {
          [`${p}:Soort`]: '01', // BRP-adres
          [`${p}:Adres`]: client.address ? address(client.address) : undefined,
        },
      },
      [`${p}:ToegewezenProducten`]: {
        [`${p}:ToegewezenProduct`]: {
          [`${p}:ToewijzingNummer`]: t.toewijzingNummer,
          [`${p}:Product`]: product(t),
          [`${p}:Toewijzingsdatum`]: env.dagtekening,
          [`${p}:Toewijzingstijd`]: '09:00:00',
          [`${p}:Ingangsdatum`]: t.ingangsdatum,
          [`${p}:Einddatum`]: t.einddatum,
          [`${p}:Omvang`]: t.omvang
            ? {
                'ijw:Volume': String(t.omvang.volume),
                'ijw:Eenheid': t.omvang.eenheid,
                'ijw:Frequentie': t.omvang.frequentie,
              }
            : undefined,
          [`${p}:Verwijzer`]: { 'ijw:Type': t.verwijzer },
          [`${p}:Commentaar`]: t.omschrijving,
        },
      },
    },
  });
}

export function renderJw305(env: Envelope, t: JeugdToewijzing, startZorg: string, client: ClientData): string {
  const p = 'jw305';
  return render(p, {
    [`${p}:Header`]: header(p, 'JW305', env.aanbieder, env.gemeenteCode, env),
    [`${p}:Client`]: {
      ...clientIdentity(p, t.bsn, client, false),
      [`${p}:StartProducten`]: {
        [`${p}:StartProduct`]: {
          [`${p}:ToewijzingNummer`]: t.toewijzingNummer,
          [`${p}:Product`]: product(t),
          [`${p}:ToewijzingIngangsdatum`]: t.ingangsdatum,
          [`${p}:Begindatum`]: startZorg,
          [`${p}:StatusAanlevering`]: '1',
        },
      },
    },
  });
}

export function renderJw307(
  env: Envelope,
  t: JeugdToewijzing,
  stopZorg: string,
  redenBeeindiging: string,
  client: ClientData,
): string {
  const p = 'jw307';
  // Begindatum is when delivery began; it can never lie after the stop.
  const begin = t.startZorg ?? t.ingangsdatum;
  return render(p, {
    [`${p}:Header`]: header(p, 'JW307', env.aanbieder, env.gemeenteCode, env),
    [`${p}:Client`]: {
      ...clientIdentity(p, t.bsn, client, false),
      [`${p}:StopProducten`]: {
        [`${p}:StopProduct`]: {
          [`${p}:ToewijzingNummer`]: t.toewijzingNummer,
          [`${p}:Product`]: product(t),
          [`${p}:ToewijzingIngangsdatum`]: t.ingangsdatum,
          [`${p}:Begindatum`]: begin <= stopZorg ? begin : stopZorg,
          [`${p}:RedenBeeindiging`]: redenBeeindiging,
          [`${p}:Einddatum`]: stopZorg,
          [`${p}:StatusAanlevering`]: '1',
        },
      },
    },
  });
}

function render(prefix: string, body: Node): string {
  return builder.build({
    [`${prefix}:Bericht`]: { [`@_xmlns:${prefix}`]: nsFor(prefix), '@_xmlns:ijw': NS_BASIS, ...body },
  }) as string;
}

function header(p: string, soort: keyof typeof BERICHT_CODE, afzender: string, ontvanger: string, env: Envelope): Node {
  return {
    [`${p}:BerichtCode`]: BERICHT_CODE[soort],
    [`${p}:BerichtVersie`]: '3',
    [`${p}:BerichtSubversie`]: '2',
    [`${p}:Afzender`]: afzender,
    [`${p}:Ontvanger`]: ontvanger,
    [`${p}:BerichtIdentificatie`]: { 'ijw:Identificatie': env.identificatie, 'ijw:Dagtekening': env.dagtekening },
    [`${p}:XsdVersie`]: { 'ijw:BasisschemaXsdVersie': '1.2.0', 'ijw:BerichtXsdVersie': '1.2.0' },
  };
}

function product(t: JeugdToewijzing): Node {
  return { 'ijw:Categorie': t.productCategorie, 'ijw:Code': t.productCode || undefined };
}

/** Bsn, Geboortedatum, Geslacht, Naam: JW301 sends the full name, JW305/JW307 a short one. */
function clientIdentity(p: string, bsn: string, client: ClientData, fullName: boolean): Node {
  const person = client.inhabitant;
  const geslachtsnaam = {
    'ijw:Voorvoegsel': person?.voorvoegsel,
    'ijw:Achternaam': person?.geslachtsnaam ?? 'Onbekend',
  };
  const voorletters = person ? initials(person.voornamen) : undefined;
  return {
    [`${p}:Bsn`]: bsn,
    [`${p}:Geboortedatum`]: birthDate(person?.geboortedatum ?? {}),
    // COD046: 0 onbekend, 1 mannelijk, 2 vrouwelijk.
    [`${p}:Geslacht`]: person?.geslacht === 'M' ? '1' : person?.geslacht === 'V' ? '2' : '0',
    [`${p}:Naam`]: fullName
      ? {
          'ijw:Geslachtsnaam': geslachtsnaam,
          'ijw:Voornamen': person?.voornamen,
          'ijw:Voorletters': voorletters,
          'ijw:NaamGebruik': '1', // eigen naam
        }
      : { 'ijw:Geslachtsnaam': geslachtsnaam, 'ijw:Voorletters': voorletters },
  };
}

/** CDT_Geboortedatum: a full date plus DatumGebruik (COD170) saying which parts are unknown. */
function birthDate(d: PartialDate): Node {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  if (d.year !== undefined && d.month !== undefined && d.day !== undefined) {
    return { 'ijw:Datum': `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}` };
  }
  if (d.year !== undefined && d.month !== undefined) {
    return { 'ijw:Datum': `${pad(d.year, 4)}-${pad(d.month, 2)}-01`, 'ijw:DatumGebruik': '1' };
  }
  if (d.year !== undefined) return { 'ijw:Datum': `${pad(d.year, 4)}-01-01`, 'ijw:DatumGebruik': '2' };
  return { 'ijw:Datum': '1900-01-01', 'ijw:DatumGebruik': '3' };
}

function initials(voornamen: string): string {
  return voornamen
    .split(/\s+/)
    .filter(Boolean)
    .map((n) => n[0].toUpperCase())
    .join('');
}

function address(a: Address): Node {
  return {
    'ijw:Straatnaam': a.straat,
    'ijw:Huisnummer': {
      'ijw:Huisnummer': String(a.huisnummer),
      'ijw:Huisletter': a.huisletter,
      'ijw:HuisnummerToevoeging': a.huisnummertoevoeging,
    },
    'ijw:Postcode': a.postcode,
    'ijw:Plaatsnaam': a.woonplaats,
  };
}
