/**
 * Validation of a `POST /personen` body, the way the real API reports problems: every problem
 * found is reported once in `invalidParams`, with a name, a code and a reason.
 *
 * Where the real API's reasons break the spec's own patterns (it names array items
 * "burgerservicenummer[0]" and quotes regular expressions, which InvalidParam.name and .reason
 * do not allow), the stand-in keeps to the spec: the name without index, the reason without the
 * pattern.
 */
import {
  GEZAG_PERSOON_BEPERKT_FIELDS,
  PERSOON_BEPERKT_FIELDS,
  PERSOON_FIELDS,
  resolveFields,
  type FieldTree,
} from './fields';

export interface InvalidParam {
  type: string;
  name: string;
  code: string;
  reason: string;
}

interface QueryBase {
  fields: FieldTree;
  gemeenteVanInschrijving?: string;
}

export type Query =
  | (QueryBase & { type: 'RaadpleegMetBurgerservicenummer'; burgerservicenummer: string[] })
  | (QueryBase & {
      type: 'ZoekMetAdresseerbaarObjectIdentificatie';
      adresseerbaarObjectIdentificatie: string;
      inclusiefOverledenPersonen: boolean;
    })
  | (QueryBase & {
      type: 'ZoekMetNummeraanduidingIdentificatie';
      nummeraanduidingIdentificatie: string;
      inclusiefOverledenPersonen: boolean;
    })
  | (QueryBase & {
      type: 'ZoekMetPostcodeEnHuisnummer';
      postcode: string;
      huisnummer: number;
      huisletter?: string;
      huisnummertoevoeging?: string;
      geboortedatum?: string;
      geslachtsnaam?: string;
      inclusiefOverledenPersonen: boolean;
    });

type ParseResult =
  | { kind: 'ok'; query: Query }
  | { kind: 'invalid'; invalidParams: InvalidParam[] }
  /** A search type the spec defines but this stand-in does not implement. */
  | { kind: 'unsupported' };

/** Search types in the spec the stand-in leaves out (searching by name is not needed here). */
const UNSUPPORTED_TYPES = new Set([
  'ZoekMetGeslachtsnaamEnGeboortedatum',
  'ZoekMetNaamEnGemeenteVanInschrijving',
  'ZoekMetStraatHuisnummerEnGemeenteVanInschrijving',
]);

const BSN = /^[0-9]{9}$/;
const BAG_ID = /^(?!0{16})[0-9]{16}$/;
const GEMEENTE = /^[0-9]{4}$/;
const FIELD = /^[a-zA-Z0-9._]{1,200}$/;
const POSTCODE = /^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$/;
const HUISLETTER = /^[a-zA-Z]{1}$/;
const HUISNUMMERTOEVOEGING = /^[a-zA-Z0-9 -]{1,4}$/;
const GESLACHTSNAAM = /^[a-zA-Z0-9À-ž .\-']{1,200}$|^[a-zA-Z0-9À-ž .\-']{3,199}\*{1}$/;

const problem = (name: string, code: string, reason: string): InvalidParam => ({
  type: `https://www.vng.nl/realisatie/api/validaties/${code}`,
  name,
  code,
  reason,
});

/** Collects problems once each (the spec: "Alle gevonden fouten worden één keer teruggemeld"). */
class Problems {
  private readonly seen = new Set<string>();
  readonly list: InvalidParam[] = [];
  add(p: InvalidParam): void {
    const key = `${p.name}\u0000${p.code}\u0000${p.reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(p);
  }
}

function isValidIsoDate(value: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readString(body: Record<string, unknown>, name: string, pattern: RegExp, problems: Problems, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) problems.add(problem(name, 'required', 'Parameter is verplicht.'));
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.add(problem(name, 'string', 'Waarde is geen geldige string.'));
    return undefined;
  }
  if (!pattern.test(value)) {
    problems.add(problem(name, 'pattern', 'Waarde voldoet niet aan patroon.'));
    return undefined;
  }
  return value;
}

function readBoolean(body: Record<string, unknown>, name: string, problems: Problems): boolean {
  const value = body[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    problems.add(problem(name, 'boolean', 'Waarde is geen geldige boolean.'));
    return false;
  }
  return value;
}

function readStringArray(
  body: Record<string, unknown>,
  name: string,
  limits: { min: number; max: number },
  pattern: RegExp,
  problems: Problems,
): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    problems.add(problem(name, 'required', 'Parameter is verplicht.'));
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(problem(name, 'array', 'Parameter is geen array.'));
    return undefined;
  }
  if (value.length < limits.min) {
    problems.add(problem(name, 'minItems', `Array bevat minder dan ${limits.min} items.`));
    return undefined;
  }
  if (value.length > limits.max) {
    problems.add(problem(name, 'maxItems', `Array bevat meer dan ${limits.max} items.`));
    return undefined;
  }
  let valid = true;
  for (const item of value) {
    if (typeof item !== 'string') {
      problems.add(problem(name, 'string', 'Waarde is geen geldige string.'));
      valid = false;
    } else if (!pattern.test(item)) {
      problems.add(problem(name, 'pattern', 'Waarde voldoet niet aan patroon.'));
      valid = false;
    }
  }
  return valid ? (value as string[]) : undefined;
}

function readFields(body: Record<string, unknown>, catalogue: FieldTree, problems: Problems): FieldTree | undefined {
  const fields = readStringArray(body, 'fields', { min: 1, max: 130 }, FIELD, problems);
  if (!fields) return undefined;
  const { selection, problems: fieldProblems } = resolveFields(fields, catalogue);
  for (const p of fieldProblems) {
    problems.add(
      p.kind === 'notAllowed'
        ? problem('fields', 'fields', 'Parameter bevat een niet toegestane veldnaam.')
        : problem('fields', 'fields', 'Parameter bevat een niet bestaande veldnaam.'),
    );
  }
  return fieldProblems.length === 0 ? selection : undefined;
}

function checkUnexpected(body: Record<string, unknown>, allowed: readonly string[], problems: Problems): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) problems.add(problem(key.slice(0, 30).replace(/[^a-zA-Z0-9._]/g, '_') || '_', 'unknownParam', 'Parameter is niet verwacht.'));
  }
}

const COMMON = ['type', 'fields', 'gemeenteVanInschrijving'] as const;

/** Parses a request body (already JSON-decoded) into a query, or the problems with it. */
export function parseQuery(body: unknown): ParseResult {
  const problems = new Problems();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: 'invalid', invalidParams: [problem('type', 'required', 'Parameter is verplicht.')] };
  }
  const b = body as Record<string, unknown>;
  const type = b.type;
  if (type === undefined || type === null) {
    return { kind: 'invalid', invalidParams: [problem('type', 'required', 'Parameter is verplicht.')] };
  }
  if (typeof type === 'string' && UNSUPPORTED_TYPES.has(type)) return { kind: 'unsupported' };

  const gemeenteVanInschrijving = readString(b, 'gemeenteVanInschrijving', GEMEENTE, problems, false);
  const base = (fields: FieldTree): QueryBase => ({
    fields,
    ...(gemeenteVanInschrijving !== undefined ? { gemeenteVanInschrijving } : {}),
  });

  switch (type) {
    case 'RaadpleegMetBurgerservicenummer': {
      checkUnexpected(b, [...COMMON, 'burgerservicenummer'], problems);
      const burgerservicenummer = readStringArray(b, 'burgerservicenummer', { min: 1, max: 20 }, BSN, problems);
      const fields = readFields(b, PERSOON_FIELDS, problems);
      if (problems.list.length > 0 || !burgerservicenummer || !fields) return { kind: 'invalid', invalidParams: problems.list };
      return { kind: 'ok', query: { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer, ...base(fields) } };
    }
    case 'ZoekMetAdresseerbaarObjectIdentificatie': {
      checkUnexpected(b, [...COMMON, 'adresseerbaarObjectIdentificatie', 'inclusiefOverledenPersonen'], problems);
      const id = readString(b, 'adresseerbaarObjectIdentificatie', BAG_ID, problems, true);
      const inclusiefOverledenPersonen = readBoolean(b, 'inclusiefOverledenPersonen', problems);
      const fields = readFields(b, GEZAG_PERSOON_BEPERKT_FIELDS, problems);
      if (problems.list.length > 0 || id === undefined || !fields) return { kind: 'invalid', invalidParams: problems.list };
      return { kind: 'ok', query: { type: 'ZoekMetAdresseerbaarObjectIdentificatie', adresseerbaarObjectIdentificatie: id, inclusiefOverledenPersonen, ...base(fields) } };
    }
    case 'ZoekMetNummeraanduidingIdentificatie': {
      checkUnexpected(b, [...COMMON, 'nummeraanduidingIdentificatie', 'inclusiefOverledenPersonen'], problems);
      const id = readString(b, 'nummeraanduidingIdentificatie', BAG_ID, problems, true);
      const inclusiefOverledenPersonen = readBoolean(b, 'inclusiefOverledenPersonen', problems);
      const fields = readFields(b, PERSOON_BEPERKT_FIELDS, problems);
      if (problems.list.length > 0 || id === undefined || !fields) return { kind: 'invalid', invalidParams: problems.list };
      return { kind: 'ok', query: { type: 'ZoekMetNummeraanduidingIdentificatie', nummeraanduidingIdentificatie: id, inclusiefOverledenPersonen, ...base(fields) } };
    }
    case 'ZoekMetPostcodeEnHuisnummer': {
      checkUnexpected(
        b,
        [...COMMON, 'postcode', 'huisnummer', 'huisletter', 'huisnummertoevoeging', 'geboortedatum', 'geslachtsnaam', 'inclusiefOverledenPersonen'],
        problems,
      );
      const postcode = readString(b, 'postcode', POSTCODE, problems, true);
      let huisnummer: number | undefined;
      if (b.huisnummer === undefined || b.huisnummer === null) {
        problems.add(problem('huisnummer', 'required', 'Parameter is verplicht.'));
      } else if (typeof b.huisnummer !== 'number' || !Number.isInteger(b.huisnummer)) {
        problems.add(problem('huisnummer', 'integer', 'Waarde is geen geldig getal.'));
      } else if (b.huisnummer < 1) {
        problems.add(problem('huisnummer', 'minimum', 'Waarde is lager dan minimum 1.'));
      } else if (b.huisnummer > 99999) {
        problems.add(problem('huisnummer', 'maximum', 'Waarde is hoger dan maximum 99999.'));
      } else {
        huisnummer = b.huisnummer;
      }
      const huisletter = readString(b, 'huisletter', HUISLETTER, problems, false);
      const huisnummertoevoeging = readString(b, 'huisnummertoevoeging', HUISNUMMERTOEVOEGING, problems, false);
      const geslachtsnaam = readString(b, 'geslachtsnaam', GESLACHTSNAAM, problems, false);
      let geboortedatum: string | undefined;
      if (b.geboortedatum !== undefined && b.geboortedatum !== null) {
        if (typeof b.geboortedatum !== 'string' || !isValidIsoDate(b.geboortedatum)) {
          problems.add(problem('geboortedatum', 'date', 'Waarde is geen geldige datum.'));
        } else {
          geboortedatum = b.geboortedatum;
        }
      }
      const inclusiefOverledenPersonen = readBoolean(b, 'inclusiefOverledenPersonen', problems);
      const fields = readFields(b, PERSOON_BEPERKT_FIELDS, problems);
      if (problems.list.length > 0 || postcode === undefined || huisnummer === undefined || !fields) {
        return { kind: 'invalid', invalidParams: problems.list };
      }
      return {
        kind: 'ok',
        query: {
          type: 'ZoekMetPostcodeEnHuisnummer',
          postcode,
          huisnummer,
          ...(huisletter !== undefined ? { huisletter } : {}),
          ...(huisnummertoevoeging !== undefined ? { huisnummertoevoeging } : {}),
          ...(geslachtsnaam !== undefined ? { geslachtsnaam } : {}),
          ...(geboortedatum !== undefined ? { geboortedatum } : {}),
          inclusiefOverledenPersonen,
          ...base(fields),
        },
      };
    }
    default:
      return { kind: 'invalid', invalidParams: [problem('type', 'value', 'Waarde is geen geldig zoek type.')] };
  }
}
