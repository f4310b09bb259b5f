/**
 * BRP API Personen JSON → domain records. Pure functions; every protocol detail (the polymorphic
 * dates, verblijfplaats variants, gezag variants) ends here.
 *
 * Reading is defensive: a response that breaks the spec where we depend on it is a
 * SOURCE_PROTOCOL_ERROR naming the JSON path and the kind of value found (never the value: it is
 * personal data). Properties we do not know are ignored, so a newer API version does not break
 * the hub. Where the spec allows a value to be absent, absence maps to null (or an empty list).
 */
import type { AdresRecord, GezagRecord, Naam, PersoonRecord } from '../../domain/records';
import { SourceError } from './source-error';

type JsonObject = Record<string, unknown>;

const BSN = /^[0-9]{9}$/;
const BAG_ID = /^[0-9]{16}$/;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** What a value is, for an error message: its kind, never its content. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function protocolError(path: string, expected: string, value: unknown): SourceError {
  let found = kindOf(value);
  // Same kind as expected: then it is the form or the range that is wrong.
  if (found === 'a string' && expected.startsWith('a string')) found = 'a string in another format';
  if (found === 'an integer' && expected.startsWith('an integer')) found = 'an integer out of range';
  return new SourceError('SOURCE_PROTOCOL_ERROR', `BRP response: expected ${path} to be ${expected}, got ${found}`);
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalObject(parent: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw protocolError(`${path}.${key}`, 'an object', value);
  return value;
}

function optionalArray(parent: JsonObject, key: string, path: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw protocolError(`${path}.${key}`, 'an array', value);
  return value;
}

function optionalString(parent: JsonObject, key: string, path: string, pattern?: RegExp): string | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw protocolError(`${path}.${key}`, 'a string', value);
  if (pattern && !pattern.test(value)) throw protocolError(`${path}.${key}`, `a string matching ${pattern.source}`, value);
  return value;
}

function optionalInteger(parent: JsonObject, key: string, path: string, min: number, max: number): number | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw protocolError(`${path}.${key}`, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

function optionalBoolean(parent: JsonObject, key: string, path: string): boolean | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw protocolError(`${path}.${key}`, 'a boolean', value);
  return value;
}

function requiredType(object: JsonObject, path: string): string {
  const type = object.type;
  if (typeof type !== 'string' || type.length === 0) throw protocolError(`${path}.type`, 'a non-empty string', type);
  return type;
}

/** What an AbstractDatum says, in the record's terms. */
interface GelezenDatum {
  /** ISO date, only for a complete date (type Datum). */
  datum: string | null;
  /** What is known of an incomplete date; null for a complete one. */
  onvolledig: { jaar: number | null; maand: number | null } | null;
}

function isCalendarDate(iso: string): boolean {
  const match = ISO_DATE.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads the polymorphic AbstractDatum: Datum (complete), JaarMaandDatum, JaarDatum, DatumOnbekend.
 * A date type this version does not know is read as "nothing usable known" rather than refused:
 * it is one field of one person, not a reason to fail a whole batch.
 */
export function mapDatum(value: unknown, path: string): GelezenDatum {
  if (!isObject(value)) throw protocolError(path, 'an object (AbstractDatum)', value);
  const type = requiredType(value, path);
  switch (type) {
    case 'Datum': {
      const datum = value.datum;
      if (typeof datum !== 'string' || !isCalendarDate(datum)) {
        throw protocolError(`${path}.datum`, 'a string with an ISO calendar date (YYYY-MM-DD)', datum);
      }
      return { datum, onvolledig: null };
    }
    case 'JaarMaandDatum': {
      const jaar = optionalInteger(value, 'jaar', path, 1, 9999);
      const maand = optionalInteger(value, 'maand', path, 1, 12);
      if (jaar === null) throw protocolError(`${path}.jaar`, 'an integer from 1 to 9999', value.jaar);
      if (maand === null) throw protocolError(`${path}.maand`, 'an integer from 1 to 12', value.maand);
      return { datum: null, onvolledig: { jaar, maand } };
    }
    case 'JaarDatum': {
      const jaar = optionalInteger(value, 'jaar', path, 1, 9999);
      if (jaar === null) throw protocolError(`${path}.jaar`, 'an integer from 1 to 9999', value.jaar);
      return { datum: null, onvolledig: { jaar, maand: null } };
    }
    case 'DatumOnbekend':
      return { datum: null, onvolledig: { jaar: null, maand: null } };
    default:
      return { datum: null, onvolledig: null };
  }
}

function mapNaam(persoon: JsonObject, path: string): Naam {
  const naam = optionalObject(persoon, 'naam', path);
  const at = `${path}.naam`;
  return {
    voornamen: naam ? optionalString(naam, 'voornamen', at) : null,
    voorvoegsel: naam ? optionalString(naam, 'voorvoegsel', at) : null,
    geslachtsnaam: naam ? optionalString(naam, 'geslachtsnaam', at) : null,
    volledigeNaam: naam ? optionalString(naam, 'volledigeNaam', at) : null,
  };
}

/**
 * Only a Dutch address with a BAG adresseerbaar object is an AdresRecord: that identification is
 * what makes a household. Abroad (VerblijfplaatsBuitenland), unknown (VerblijfplaatsOnbekend),
 * a Locatie (houseboat, caravan: a description, no BAG object) or a variant we do not know all
 * give null. Missing parts of the verblijfadres give nulls.
 */
function mapAdres(persoon: JsonObject, path: string): AdresRecord | null {
  const verblijfplaats = optionalObject(persoon, 'verblijfplaats', path);
  if (!verblijfplaats) return null;
  const at = `${path}.verblijfplaats`;
  if (requiredType(verblijfplaats, at) !== 'Adres') return null;
  const adresseerbaarObjectId = optionalString(verblijfplaats, 'adresseerbaarObjectIdentificatie', at, BAG_ID);
  if (adresseerbaarObjectId === null) return null;
  const verblijfadres = optionalObject(verblijfplaats, 'verblijfadres', at) ?? {};
  const va = `${at}.verblijfadres`;
  return {
    adresseerbaarObjectId,
    straat: optionalString(verblijfadres, 'officieleStraatnaam', va) ?? optionalString(verblijfadres, 'korteStraatnaam', va),
    huisnummer: optionalInteger(verblijfadres, 'huisnummer', va, 1, 99999),
    huisletter: optionalString(verblijfadres, 'huisletter', va),
    huisnummertoevoeging: optionalString(verblijfadres, 'huisnummertoevoeging', va),
    postcode: optionalString(verblijfadres, 'postcode', va),
    woonplaats: optionalString(verblijfadres, 'woonplaats', va),
  };
}

function bsnOf(holder: unknown, path: string): string | null {
  if (holder === undefined || holder === null) return null;
  if (!isObject(holder)) throw protocolError(path, 'an object', holder);
  return optionalString(holder, 'burgerservicenummer', path, BSN);
}

/**
 * One Gezagsrelatie. `ouders` lists whoever holds the authority as far as the BRP names them by
 * BSN: both parents (GezamenlijkOuderlijkGezag), the one parent (EenhoofdigOuderlijkGezag), the
 * parent and the known third person (GezamenlijkGezag), the known guardians (Voogdij). Nobody holds
 * it under TijdelijkGeenGezag or GezagNietTeBepalen; a type we do not know is kept by name with
 * no holders, so the hub can still see that something is registered.
 */
function mapGezagsrelatie(value: unknown, path: string): GezagRecord {
  if (!isObject(value)) throw protocolError(path, 'an object (Gezagsrelatie)', value);
  const type = requiredType(value, path);
  const holders: Array<string | null> = [];
  switch (type) {
    case 'GezamenlijkOuderlijkGezag':
      optionalArray(value, 'ouders', path).forEach((ouder, index) => holders.push(bsnOf(ouder, `${path}.ouders[${index}]`)));
      break;
    case 'EenhoofdigOuderlijkGezag':
      holders.push(bsnOf(value.ouder, `${path}.ouder`));
      break;
    case 'GezamenlijkGezag':
      holders.push(bsnOf(value.ouder, `${path}.ouder`));
      // An OnbekendeDerde has no BSN; a BekendeDerde may.
      holders.push(bsnOf(value.derde, `${path}.derde`));
      break;
    case 'Voogdij':
      optionalArray(value, 'derden', path).forEach((derde, index) => holders.push(bsnOf(derde, `${path}.derden[${index}]`)));
      break;
    default:
      // TijdelijkGeenGezag, GezagNietTeBepalen and unknown types: nobody to name.
      break;
  }
  return {
    type,
    ouders: [...new Set(holders.filter((bsn): bsn is string => bsn !== null))],
    minderjarige: bsnOf(value.minderjarige, `${path}.minderjarige`),
  };
}

/**
 * Maps one spec `Persoon` (or `PersoonBeperkt`) to a PersoonRecord.
 *
 * @param value - one element of `personen` from a 200 response
 * @param path - where it sits in the response, for error messages (e.g. "personen[3]")
 * @throws SourceError SOURCE_PROTOCOL_ERROR when the value breaks the spec where it matters
 */
export function mapPersoon(value: unknown, path = 'persoon'): PersoonRecord {
  if (!isObject(value)) throw protocolError(path, 'an object (Persoon)', value);
  const burgerservicenummer = value.burgerservicenummer;
  if (typeof burgerservicenummer !== 'string' || !BSN.test(burgerservicenummer)) {
    throw protocolError(`${path}.burgerservicenummer`, 'a string of nine digits', burgerservicenummer);
  }

  const geboorte = optionalObject(value, 'geboorte', path);
  const geboortedatum =
    geboorte && geboorte.datum !== undefined && geboorte.datum !== null
      ? mapDatum(geboorte.datum, `${path}.geboorte.datum`)
      : { datum: null, onvolledig: null };

  const geslacht = optionalObject(value, 'geslacht', path);
  const overlijden = optionalObject(value, 'overlijden', path);
  if (overlijden?.datum !== undefined && overlijden.datum !== null) mapDatum(overlijden.datum, `${path}.overlijden.datum`);
  const opschorting = optionalObject(value, 'opschortingBijhouding', path);
  const opschortingReden = opschorting ? optionalObject(opschorting, 'reden', `${path}.opschortingBijhouding`) : undefined;

  const ouders = optionalArray(value, 'ouders', path)
    .map((ouder, index) => bsnOf(ouder, `${path}.ouders[${index}]`))
    // A parent without BSN (unknown, or registered abroad only) cannot be linked to a person.
    .filter((bsn): bsn is string => bsn !== null);

  return {
    burgerservicenummer,
    naam: mapNaam(value, path),
    geboortedatum: geboortedatum.datum,
    geboortedatumOnvolledig: geboortedatum.onvolledig,
    geslacht: geslacht ? optionalString(geslacht, 'code', `${path}.geslacht`) : null,
    // The API leaves leeftijd out when it cannot be determined (partial date, deceased).
    leeftijd: optionalInteger(value, 'leeftijd', path, 0, 150),
    adres: mapAdres(value, path),
    geheimhouding: optionalBoolean(value, 'geheimhoudingPersoonsgegevens', path) === true,
    ouders: [...new Set(ouders)],
    gezag: optionalArray(value, 'gezag', path).map((relatie, index) => mapGezagsrelatie(relatie, `${path}.gezag[${index}]`)),
    // overlijden is only delivered for the deceased; opschorting with reden "O" (overlijden) says the
    // same and is delivered even when overlijden was not asked for.
    overleden:
      (overlijden !== undefined && Object.keys(overlijden).length > 0) ||
      (opschortingReden !== undefined && optionalString(opschortingReden, 'code', `${path}.opschortingBijhouding.reden`) === 'O'),
  };
}
