/**
 * The `fields` parameter: which paths exist, which are refused, and how a full record is cut
 * down to the requested ones.
 *
 * The real API's rules, as the spec and the RvIG feature documentation describe them:
 * - a path names a field ("naam.voornamen") or a group ("naam": everything in it);
 * - a path to a field that does not exist for this search type is a 400;
 * - the auto-delivered fields (geheimhoudingPersoonsgegevens, inOnderzoek,
 *   opschortingBijhouding, rni, verificatie) may not be asked for (400), and come along
 *   automatically whenever they apply;
 * - the `type` of a polymorphic object (verblijfplaats, nationaliteit) is always delivered with
 *   it, so the client can tell the variants apart.
 *
 * Two simplifications, both towards delivering a schema-valid whole: a date (AbstractDatum) and
 * `gezag` are atomic — "geboorte.datum" yields the whole date object and "gezag" all relations,
 * deeper paths are unknown fields.
 *
 * The catalogues are written out from the spec by hand, so the stand-in needs no spec file at
 * run time; simulator.test.ts checks them against the spec, path for path.
 */

/** A catalogue or selection: `true` is a field delivered whole, an object a group. */
export interface FieldTree {
  readonly [name: string]: FieldTree | true;
}

const WAARDETABEL = { code: true, omschrijving: true } as const;
const ADELLIJKE_TITEL_PREDICAAT = { code: true, omschrijving: true, soort: true } as const;
const NAAM_BASIS = {
  voornamen: true,
  adellijkeTitelPredicaat: ADELLIJKE_TITEL_PREDICAAT,
  voorvoegsel: true,
  geslachtsnaam: true,
  voorletters: true,
  volledigeNaam: true,
} as const;
const NAAM_GERELATEERDE = {
  voornamen: true,
  adellijkeTitelPredicaat: ADELLIJKE_TITEL_PREDICAAT,
  voorvoegsel: true,
  geslachtsnaam: true,
  voorletters: true,
} as const;
const GEBOORTE = { datum: true, land: WAARDETABEL, plaats: WAARDETABEL } as const;
const ADRESSERING_BASIS = {
  adresregel1: true,
  adresregel2: true,
  adresregel3: true,
  land: WAARDETABEL,
  indicatieVastgesteldVerblijftNietOpAdres: true,
} as const;

/** Paths a RaadpleegMetBurgerservicenummer request may ask (schema `Persoon`). */
export const PERSOON_FIELDS: FieldTree = {
  aNummer: true,
  burgerservicenummer: true,
  datumEersteInschrijvingGBA: true,
  geslacht: WAARDETABEL,
  uitsluitingKiesrecht: { uitgeslotenVanKiesrecht: true, einddatum: true },
  europeesKiesrecht: { aanduiding: WAARDETABEL, einddatumUitsluiting: true },
  leeftijd: true,
  naam: { ...NAAM_BASIS, aanduidingNaamgebruik: WAARDETABEL },
  nationaliteiten: {
    type: true,
    redenOpname: WAARDETABEL,
    datumIngangGeldigheid: true,
    nationaliteit: WAARDETABEL,
  },
  geboorte: GEBOORTE,
  overlijden: { land: WAARDETABEL, plaats: WAARDETABEL, datum: true },
  // The union of the variants Adres, VerblijfplaatsBuitenland, VerblijfplaatsOnbekend, Locatie.
  verblijfplaats: {
    type: true,
    datumIngangGeldigheid: true,
    datumVan: true,
    verblijfadres: {
      regel1: true,
      regel2: true,
      regel3: true,
      land: WAARDETABEL,
      officieleStraatnaam: true,
      korteStraatnaam: true,
      huisnummer: true,
      huisletter: true,
      huisnummertoevoeging: true,
      aanduidingBijHuisnummer: WAARDETABEL,
      postcode: true,
      woonplaats: true,
      locatiebeschrijving: true,
    },
    functieAdres: WAARDETABEL,
    adresseerbaarObjectIdentificatie: true,
    nummeraanduidingIdentificatie: true,
    indicatieVastgesteldVerblijftNietOpAdres: true,
  },
  immigratie: {
    landVanwaarIngeschreven: WAARDETABEL,
    datumVestigingInNederland: true,
    vanuitVerblijfplaatsOnbekend: true,
    indicatieVestigingVanuitBuitenland: true,
  },
  gemeenteVanInschrijving: WAARDETABEL,
  datumInschrijvingInGemeente: true,
  adressering: {
    ...ADRESSERING_BASIS,
    aanhef: true,
    aanschrijfwijze: { naam: true, aanspreekvorm: true },
    gebruikInLopendeTekst: true,
  },
  indicatieCurateleRegister: true,
  indicatieGezagMinderjarige: WAARDETABEL,
  gezag: true,
  verblijfstitel: { aanduiding: WAARDETABEL, datumEinde: true, datumIngang: true },
  kinderen: { burgerservicenummer: true, naam: NAAM_GERELATEERDE, geboorte: GEBOORTE },
  ouders: {
    burgerservicenummer: true,
    geslacht: WAARDETABEL,
    ouderAanduiding: true,
    datumIngangFamilierechtelijkeBetrekking: true,
    naam: NAAM_GERELATEERDE,
    geboorte: GEBOORTE,
  },
  partners: {
    burgerservicenummer: true,
    geslacht: WAARDETABEL,
    soortVerbintenis: WAARDETABEL,
    naam: NAAM_GERELATEERDE,
    geboorte: GEBOORTE,
    aangaanHuwelijkPartnerschap: { land: WAARDETABEL, plaats: WAARDETABEL, datum: true },
    ontbindingHuwelijkPartnerschap: { datum: true },
  },
};

/** Paths the search types may ask (schema `PersoonBeperkt`). */
export const PERSOON_BEPERKT_FIELDS: FieldTree = {
  burgerservicenummer: true,
  geboorte: { datum: true },
  geslacht: WAARDETABEL,
  leeftijd: true,
  naam: NAAM_BASIS,
  adressering: ADRESSERING_BASIS,
};

/** ZoekMetAdresseerbaarObjectIdentificatie answers `GezagPersoonBeperkt`: PersoonBeperkt + gezag. */
export const GEZAG_PERSOON_BEPERKT_FIELDS: FieldTree = { ...PERSOON_BEPERKT_FIELDS, gezag: true };

/** Auto-delivered at the top of a person. */
const AUTO_DELIVERED_TOP = new Set(['geheimhoudingPersoonsgegevens', 'opschortingBijhouding', 'rni', 'verificatie']);
/** `inOnderzoek` exists at almost every level and is auto-delivered at each. */
const AUTO_DELIVERED_ANYWHERE = 'inOnderzoek';

type FieldProblem = { index: number; kind: 'unknown' | 'notAllowed' };

function merge(a: FieldTree | true | undefined, b: FieldTree | true): FieldTree | true {
  if (a === undefined) return b;
  if (a === true || b === true) return true;
  const merged: Record<string, FieldTree | true> = { ...a };
  for (const [key, value] of Object.entries(b)) merged[key] = merge(merged[key], value);
  return merged;
}

/**
 * Resolves requested paths against a catalogue into one selection tree, or says which entries
 * are unknown or not allowed (by index, so the caller can report each once).
 */
export function resolveFields(
  fields: readonly string[],
  catalogue: FieldTree,
): { selection: FieldTree; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let selection: FieldTree = {};
  fields.forEach((field, index) => {
    const segments = field.split('.');
    if (segments[0] !== undefined && AUTO_DELIVERED_TOP.has(segments[0])) {
      problems.push({ index, kind: 'notAllowed' });
      return;
    }
    if (segments.includes(AUTO_DELIVERED_ANYWHERE)) {
      problems.push({ index, kind: 'notAllowed' });
      return;
    }
    let node: FieldTree | true = catalogue;
    for (const segment of segments) {
      // A leaf has no sub-fields ("geboorte.datum.jaar"); own properties only ("constructor").
      const next: FieldTree | true | undefined =
        node !== true && Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
      if (next === undefined) {
        problems.push({ index, kind: 'unknown' });
        return;
      }
      node = next;
    }
    // Rebuild the path as a tree whose end is the catalogue node: a group selects all of it.
    let tree: FieldTree | true = node;
    for (let i = segments.length - 1; i >= 0; i--) tree = { [segments[i]]: tree };
    selection = merge(selection, tree) as FieldTree;
  });
  return { selection, problems };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Cuts `value` down to `selection`. Groups left empty are dropped, as the API never delivers an
 * empty group; the `type` of a polymorphic object is kept whenever any of it is delivered.
 */
export function project(value: Record<string, unknown>, selection: FieldTree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(selection)) {
    const v = value[key];
    if (v === undefined) continue;
    if (sub === true) {
      out[key] = structuredClone(v);
    } else if (Array.isArray(v)) {
      const items = v.filter(isObject).map((item) => projectGroup(item, sub)).filter((item) => item !== undefined);
      if (items.length > 0) out[key] = items;
    } else if (isObject(v)) {
      const group = projectGroup(v, sub);
      if (group !== undefined) out[key] = group;
    }
  }
  return out;
}

function projectGroup(value: Record<string, unknown>, selection: FieldTree): Record<string, unknown> | undefined {
  const group = project(value, selection);
  if (typeof value.type === 'string' && group.type === undefined) {
    return { type: value.type, ...group };
  }
  return Object.keys(group).length > 0 ? group : undefined;
}

/** Adds the auto-delivered fields the full record carries, whatever `fields` said. */
export function withAutoDelivered(full: Record<string, unknown>, projected: Record<string, unknown>): Record<string, unknown> {
  const out = { ...projected };
  for (const key of AUTO_DELIVERED_TOP) {
    if (full[key] !== undefined) out[key] = structuredClone(full[key]);
  }
  return out;
}
