/**
 * World → BRP API Personen JSON. Builds the *complete* `Persoon` the stand-in knows of a
 * person; `fields.ts` then cuts it down to what the request asked for, the way the real API
 * filters a full record.
 *
 * Only what the world model holds is delivered: the world has no places of birth,
 * nationalities or dates of moving, so those groups are simply absent, as the real API leaves
 * out what the BRP does not hold.
 */
import type { Address, Geslacht, Gezag, Inhabitant, PartialDate } from '../../../municipality/types';
import type { World } from './world';

export type Json = Record<string, unknown>;

/** A calendar date in the Netherlands: leeftijd changes at Dutch midnight, not UTC midnight. */
interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function calendarDateInNetherlands(instant: Date): CalendarDate {
  const [year, month, day] = AMSTERDAM.format(instant).split('-').map(Number);
  return { year, month, day };
}

const MAANDEN = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The polymorphic AbstractDatum. The BRP stores dates as yyyymmdd with zeros for unknown parts,
 * so a day without a month, or a month without a year, cannot be expressed: those parts are
 * dropped (a month without a year becomes DatumOnbekend).
 */
function toDatum(date: PartialDate): Json {
  const { year, month, day } = date;
  if (year === undefined) return { type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' };
  if (month === undefined) return { type: 'JaarDatum', jaar: year, langFormaat: String(year) };
  const maand = MAANDEN[month - 1];
  if (day === undefined) return { type: 'JaarMaandDatum', jaar: year, maand: month, langFormaat: `${maand} ${year}` };
  return {
    type: 'Datum',
    datum: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    langFormaat: `${day} ${maand} ${year}`,
  };
}

/**
 * Age in whole years, or undefined when the BRP cannot determine it: an unknown or year-only
 * date, or a year-and-month date in the month of birth (the birthday may or may not have
 * passed).
 */
function leeftijd(geboortedatum: PartialDate, today: CalendarDate): number | undefined {
  const { year, month, day } = geboortedatum;
  if (year === undefined || month === undefined) return undefined;
  if (day === undefined && month === today.month) return undefined;
  let age = today.year - year;
  if (today.month < month || (today.month === month && day !== undefined && today.day < day)) age -= 1;
  return age >= 0 && age <= 150 ? age : undefined;
}

const GESLACHT: Record<Geslacht, Json> = {
  M: { code: 'M', omschrijving: 'man' },
  V: { code: 'V', omschrijving: 'vrouw' },
  O: { code: 'O', omschrijving: 'onbekend' },
};

/** Voorletters as the BRP derives them: one per given name, "IJ" kept together as in "IJsbrand". */
function voorletters(voornamen: string): string {
  return voornamen
    .split(/\s+/)
    .filter((naam) => naam.length > 0)
    .map((naam) => (/^IJ/.test(naam) ? 'IJ.' : `${naam[0].toUpperCase()}.`))
    .join('');
}

function volledigeNaam(i: Inhabitant): string {
  return [i.voornamen, i.voorvoegsel, i.geslachtsnaam].filter((part) => part).join(' ');
}

function naamGerelateerde(i: Inhabitant): Json {
  return {
    voornamen: i.voornamen,
    ...(i.voorvoegsel ? { voorvoegsel: i.voorvoegsel } : {}),
    geslachtsnaam: i.geslachtsnaam,
    voorletters: voorletters(i.voornamen),
  };
}

const capitalise = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

function verblijfplaats(address: Address | undefined): Json {
  // An inhabitant whose dwelling the world does not know is, to the BRP, of unknown address.
  if (!address) return { type: 'VerblijfplaatsOnbekend' };
  return {
    type: 'Adres',
    adresseerbaarObjectIdentificatie: address.adresseerbaarObjectId,
    nummeraanduidingIdentificatie: address.nummeraanduidingId,
    functieAdres: { code: 'W', omschrijving: 'woonadres' },
    verblijfadres: {
      officieleStraatnaam: address.straat,
      // BAG's short name is at most 24 characters; the world keeps only the official name.
      korteStraatnaam: address.straat.slice(0, 24),
      huisnummer: address.huisnummer,
      ...(address.huisletter ? { huisletter: address.huisletter } : {}),
      ...(address.huisnummertoevoeging ? { huisnummertoevoeging: address.huisnummertoevoeging } : {}),
      postcode: address.postcode,
      woonplaats: address.woonplaats,
    },
  };
}

/** The BRP's ready-made lines for a letter (own name only: the world has no naamgebruik). */
function adressering(i: Inhabitant, address: Address): Json {
  const achternaam = [i.voorvoegsel, i.geslachtsnaam].filter((part) => part).join(' ');
  const formeel = capitalise(achternaam);
  const aanschrijfnaam = `${voorletters(i.voornamen)} ${achternaam}`;
  const huisnummer = `${address.huisnummer}${address.huisletter ?? ''}${
    address.huisnummertoevoeging ? `-${address.huisnummertoevoeging}` : ''
  }`;
  const postcode = `${address.postcode.slice(0, 4)} ${address.postcode.slice(-2)}`;
  return {
    ...(i.geslacht === 'M'
      ? { aanhef: `Geachte heer ${formeel}`, gebruikInLopendeTekst: `de heer ${formeel}` }
      : i.geslacht === 'V'
        ? { aanhef: `Geachte mevrouw ${formeel}`, gebruikInLopendeTekst: `mevrouw ${formeel}` }
        : { aanhef: `Geachte ${aanschrijfnaam}`, gebruikInLopendeTekst: aanschrijfnaam }),
    aanschrijfwijze: { naam: aanschrijfnaam },
    adresregel1: `${address.straat.slice(0, 24)} ${huisnummer}`.slice(0, 40),
    adresregel2: `${postcode}  ${address.woonplaats.toUpperCase()}`.slice(0, 50),
    land: { code: '6030', omschrijving: 'Nederland' },
  };
}

/** Everything about a person in one building context, so relations can look each other up. */
export class PersoonBuilder {
  constructor(
    private readonly world: World,
    private readonly today: CalendarDate,
  ) {}

  private isOverleden(bsn: string): boolean {
    return this.world.overlijdensdatum(bsn) !== undefined;
  }

  private leeftijdVan(i: Inhabitant): number | undefined {
    return this.isOverleden(i.bsn) ? undefined : leeftijd(i.geboortedatum, this.today);
  }

  /** Gezag ends at 18 (and with death); an undeterminable age keeps the registered gezag. */
  private gezagInForce(minor: Inhabitant): Gezag | undefined {
    if (!minor.gezag || this.isOverleden(minor.bsn)) return undefined;
    const age = leeftijd(minor.geboortedatum, this.today);
    return age !== undefined && age >= 18 ? undefined : minor.gezag;
  }

  private naamVolledigeNaam(bsn: string): Json {
    const i = this.world.inhabitant(bsn);
    // GezagOuder requires a naam object; a person outside this municipality has no name here.
    return i ? { volledigeNaam: volledigeNaam(i) } : {};
  }

  private gezagsrelatie(minor: Inhabitant, gezag: Gezag): Json {
    const leeftijdMinor = this.leeftijdVan(minor);
    const minderjarige = {
      burgerservicenummer: minor.bsn,
      naam: { volledigeNaam: volledigeNaam(minor) },
      ...(leeftijdMinor !== undefined ? { leeftijd: leeftijdMinor } : {}),
    };
    const gezagOuder = (bsn: string): Json => ({ burgerservicenummer: bsn, naam: this.naamVolledigeNaam(bsn) });
    switch (gezag.type) {
      case 'GezamenlijkOuderlijkGezag':
        // The spec demands exactly two ouders; the world model promises both parents here.
        return { type: gezag.type, minderjarige, ouders: gezag.ouders.map(gezagOuder) };
      case 'EenhoofdigOuderlijkGezag':
        return { type: gezag.type, minderjarige, ...(gezag.ouders[0] ? { ouder: gezagOuder(gezag.ouders[0]) } : {}) };
      case 'Voogdij':
        // A voogd who is a person is a BekendeDerde; an institution as voogd leaves derden empty.
        return {
          type: gezag.type,
          minderjarige,
          derden: gezag.ouders.map((bsn) => ({ type: 'BekendeDerde', ...gezagOuder(bsn) })),
        };
    }
  }

  /** Gezag as the API gives it: on a minor the relation over them, on an adult those they hold. */
  private gezag(i: Inhabitant): Json[] {
    const relations: Json[] = [];
    const own = this.gezagInForce(i);
    if (own) relations.push(this.gezagsrelatie(i, own));
    for (const minor of this.world.gezagHeldBy(i.bsn)) {
      const held = this.gezagInForce(minor);
      if (held && minor.bsn !== i.bsn) relations.push(this.gezagsrelatie(minor, held));
    }
    return relations;
  }

  private gerelateerde(bsn: string, extra: Json): Json {
    const i = this.world.inhabitant(bsn);
    if (!i) return { burgerservicenummer: bsn, ...extra };
    return {
      burgerservicenummer: bsn,
      ...extra,
      naam: naamGerelateerde(i),
      geboorte: { datum: toDatum(i.geboortedatum) },
    };
  }

  /** The full Persoon (RaadpleegMetBurgerservicenummer shape), auto-delivered fields included. */
  persoon(i: Inhabitant): Json {
    const address = this.world.address(i.adresseerbaarObjectId);
    const overlijdensdatum = this.world.overlijdensdatum(i.bsn);
    const age = this.leeftijdVan(i);
    const gezag = this.gezag(i);
    const kinderen = this.world.childrenOf(i.bsn);
    const partner = i.partner ? this.world.inhabitant(i.partner) : undefined;
    return {
      burgerservicenummer: i.bsn,
      geslacht: GESLACHT[i.geslacht],
      ...(age !== undefined ? { leeftijd: age } : {}),
      naam: {
        ...naamGerelateerde(i),
        volledigeNaam: volledigeNaam(i),
        aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
      },
      geboorte: { datum: toDatum(i.geboortedatum) },
      ...(overlijdensdatum
        ? {
            overlijden: { datum: toDatum(overlijdensdatum) },
            // Auto-delivered: the BRP suspends keeping a record up to date at death (reden "O").
            opschortingBijhouding: {
              reden: { code: 'O', omschrijving: 'overlijden' },
              datum: toDatum(overlijdensdatum),
            },
          }
        : {}),
      // Auto-delivered, and only when set: the API never sends `false`.
      ...(i.geheimhouding ? { geheimhoudingPersoonsgegevens: true } : {}),
      gemeenteVanInschrijving: { code: this.world.gemeenteCode, omschrijving: this.world.gemeenteNaam },
      verblijfplaats: verblijfplaats(address),
      ...(address ? { adressering: adressering(i, address) } : {}),
      ...(i.ouders.length > 0
        ? {
            ouders: i.ouders.map((bsn, index) => {
              const ouder = this.world.inhabitant(bsn);
              return this.gerelateerde(bsn, {
                ouderAanduiding: String(index + 1),
                ...(ouder ? { geslacht: GESLACHT[ouder.geslacht] } : {}),
              });
            }),
          }
        : {}),
      ...(i.partner
        ? {
            partners: [
              this.gerelateerde(i.partner, {
                // The BRP registers only marriages and registered partnerships; the world's
                // "partner" is taken to be a spouse.
                soortVerbintenis: { code: 'H', omschrijving: 'huwelijk' },
                ...(partner ? { geslacht: GESLACHT[partner.geslacht] } : {}),
              }),
            ],
          }
        : {}),
      ...(kinderen.length > 0 ? { kinderen: kinderen.map((kind) => this.gerelateerde(kind.bsn, {})) } : {}),
      ...(gezag.length > 0 ? { gezag } : {}),
    };
  }
}
