/**
 * The BRP stand-in against the spec: every answer and every error body is validated with the
 * spec's own schemas (adapters/brp/reference, read at test time), and the `fields` catalogues are
 * compared with the spec path for path.
 */
import {
  AOID,
  BSN,
  FIXTURE_NOW,
  address,
  inhabitant,
  municipalityFixture,
} from '../testing/municipality-fixture';
import { jsonPaths, specPaths, validateAgainstSpec } from '../testing/spec';
import { GEZAG_PERSOON_BEPERKT_FIELDS, PERSOON_BEPERKT_FIELDS, PERSOON_FIELDS, type FieldTree } from './fields';
import { startBrpSimulator, type BrpSimulator } from './index';

type Json = Record<string, any>;

interface Answer {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: Json;
}

async function call(
  sim: BrpSimulator,
  body: unknown,
  init: { method?: string; path?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${sim.url}${init.path ?? '/personen'}`, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...init.headers },
    ...(init.method === 'GET' ? {} : { body: init.raw ?? JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, body: JSON.parse(text) };
}

const raadpleeg = (bsns: string[], fields: string[]): Json => ({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: bsns, fields });
const zoekAdres = (id: string, fields: string[], extra: Json = {}): Json => ({
  type: 'ZoekMetAdresseerbaarObjectIdentificatie',
  adresseerbaarObjectIdentificatie: id,
  fields,
  ...extra,
});

/** Every top-level field of a catalogue: asks for everything the stand-in can deliver. */
const allTopLevel = (catalogue: FieldTree): string[] => Object.keys(catalogue);

function flatten(tree: FieldTree, prefix = '', out = new Set<string>()): Set<string> {
  for (const [key, sub] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    out.add(p);
    if (sub !== true) flatten(sub, p, out);
  }
  return out;
}

const AUTO_DELIVERED = ['geheimhoudingPersoonsgegevens', 'opschortingBijhouding', 'rni', 'verificatie'];

/** Spec paths a client may ask: dates and gezag whole, auto-delivered fields out. */
function askablePaths(schema: string): Set<string> {
  return specPaths(schema, {
    atomic: ['AbstractDatum', 'Gezag'],
    skip: (name, depth) => name === 'inOnderzoek' || (depth === 0 && AUTO_DELIVERED.includes(name)),
  });
}

/** Validates a 200 answer as a PersonenQueryResponse and checks it has no property the spec lacks. */
function expectSpecValidResponse(answer: Answer, itemSchema: string): void {
  expect(answer.status).toBe(200);
  expect(answer.contentType).toBe('application/json; charset=utf-8');
  expect(validateAgainstSpec('PersonenQueryResponse', answer.body)).toEqual([]);
  // The spec does not forbid extra properties, so a misspelt one would pass the schema: check
  // every delivered path exists in the item schema.
  const allowed = specPaths(itemSchema);
  const unknown = [...jsonPaths(answer.body.personen)].filter((p) => !allowed.has(p));
  expect(unknown).toEqual([]);
}

/**
 * The spec contradicts itself once: InvalidParam.name allows 30 characters, and the parameter
 * "adresseerbaarObjectIdentificatie" has 32. The stand-in names the parameter as it is (a client
 * needs to know which one), so that one schema error is expected.
 */
const SPEC_NAME_TOO_LONG = /^\/invalidParams\/\d+\/name must match pattern/;

function expectFoutbericht(answer: Answer, status: number, schema = 'Foutbericht'): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body.status).toBe(status);
  const tooLong = (answer.body.invalidParams ?? []).some((p: Json) => p.name === 'adresseerbaarObjectIdentificatie');
  expect(validateAgainstSpec(schema, answer.body).filter((e) => !(tooLong && SPEC_NAME_TOO_LONG.test(e)))).toEqual([]);
}

describe('BRP stand-in', () => {
  let sim: BrpSimulator;
  beforeAll(async () => {
    sim = await startBrpSimulator({ municipality: municipalityFixture(), now: () => FIXTURE_NOW });
  });
  afterAll(() => sim.close());

  describe('fields catalogues match the spec', () => {
    it.each([
      ['Persoon', PERSOON_FIELDS],
      ['PersoonBeperkt', PERSOON_BEPERKT_FIELDS],
      ['GezagPersoonBeperkt', GEZAG_PERSOON_BEPERKT_FIELDS],
    ])('%s', (schema, catalogue) => {
      expect([...flatten(catalogue)].sort()).toEqual([...askablePaths(schema)].sort());
    });
  });

  describe('RaadpleegMetBurgerservicenummer', () => {
    const everyone = [
      BSN.vaderA,
      BSN.moederA,
      BSN.dochterA17,
      BSN.dochterA12,
      BSN.weduwe84,
      BSN.geheim,
      BSN.eenhoofdigKind,
      BSN.eenhoofdigOuder,
      BSN.voogdijKind,
      BSN.voogdijKind2,
      BSN.zonderAdres,
      BSN.jaarMaand,
    ];
    let byBsn: Map<string, Json>;
    let answer: Answer;
    beforeAll(async () => {
      answer = await call(sim, raadpleeg(everyone, allTopLevel(PERSOON_FIELDS)));
      byBsn = new Map(answer.body.personen.map((p: Json) => [p.burgerservicenummer, p]));
    });

    it('answers with spec-valid persons for every case in the fixture', () => {
      expectSpecValidResponse(answer, 'Persoon');
      expect(answer.body.type).toBe('RaadpleegMetBurgerservicenummer');
      expect([...byBsn.keys()].sort()).toEqual([...everyone].sort());
    });

    it('gives a minor with joint parental authority her gezag, ouders and a full birth date', () => {
      const p = byBsn.get(BSN.dochterA17)!;
      expect(p.geboorte.datum).toEqual({ type: 'Datum', datum: '2008-01-20', langFormaat: '20 januari 2008' });
      expect(p.leeftijd).toBe(17);
      expect(p.geslacht).toEqual({ code: 'V', omschrijving: 'vrouw' });
      expect(p.gezag).toEqual([
        {
          type: 'GezamenlijkOuderlijkGezag',
          minderjarige: { burgerservicenummer: BSN.dochterA17, naam: { volledigeNaam: 'Sanne de Vries' }, leeftijd: 17 },
          ouders: [
            { burgerservicenummer: BSN.vaderA, naam: { volledigeNaam: 'Johannes Pieter de Vries' } },
            { burgerservicenummer: BSN.moederA, naam: { volledigeNaam: 'Maria Bakker' } },
          ],
        },
      ]);
      expect(p.ouders.map((o: Json) => [o.burgerservicenummer, o.ouderAanduiding])).toEqual([
        [BSN.vaderA, '1'],
        [BSN.moederA, '2'],
      ]);
      expect(p.ouders[0].naam).toEqual({ voornamen: 'Johannes Pieter', voorvoegsel: 'de', geslachtsnaam: 'Vries', voorletters: 'J.P.' });
    });

    it('gives the parents the gezag they hold, their children and partner', () => {
      const p = byBsn.get(BSN.vaderA)!;
      expect(p.gezag.map((g: Json) => [g.type, g.minderjarige.burgerservicenummer])).toEqual([
        ['GezamenlijkOuderlijkGezag', BSN.dochterA17],
        ['GezamenlijkOuderlijkGezag', BSN.dochterA12],
      ]);
      expect(p.kinderen.map((k: Json) => k.burgerservicenummer).sort()).toEqual(
        [BSN.dochterA17, BSN.dochterA12, BSN.dochterZelfstandig].sort(),
      );
      expect(p.partners).toEqual([
        expect.objectContaining({ burgerservicenummer: BSN.moederA, soortVerbintenis: { code: 'H', omschrijving: 'huwelijk' } }),
      ]);
      expect(p.naam).toEqual({
        voornamen: 'Johannes Pieter',
        voorvoegsel: 'de',
        geslachtsnaam: 'Vries',
        voorletters: 'J.P.',
        volledigeNaam: 'Johannes Pieter de Vries',
        aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
      });
      expect(p.verblijfplaats).toEqual({
        type: 'Adres',
        adresseerbaarObjectIdentificatie: AOID.huishoudenA,
        nummeraanduidingIdentificatie: address(1).nummeraanduidingId,
        functieAdres: { code: 'W', omschrijving: 'woonadres' },
        verblijfadres: {
          officieleStraatnaam: 'Lange Nieuwstraat',
          korteStraatnaam: 'Lange Nieuwstraat',
          huisnummer: 1,
          postcode: '3512PH',
          woonplaats: 'Utrecht',
        },
      });
      expect(p.adressering).toEqual(
        expect.objectContaining({
          aanhef: 'Geachte heer De Vries',
          aanschrijfwijze: { naam: 'J.P. de Vries' },
          gebruikInLopendeTekst: 'de heer De Vries',
          adresregel1: 'Lange Nieuwstraat 1',
          adresregel2: '3512 PH  UTRECHT',
        }),
      );
      expect(p).not.toHaveProperty('geheimhoudingPersoonsgegevens');
    });

    it('gives sole authority and guardianship in their own shapes', () => {
      expect(byBsn.get(BSN.eenhoofdigKind)!.gezag).toEqual([
        expect.objectContaining({
          type: 'EenhoofdigOuderlijkGezag',
          ouder: { burgerservicenummer: BSN.eenhoofdigOuder, naam: { volledigeNaam: 'Petra Mulder' } },
        }),
      ]);
      expect(byBsn.get(BSN.eenhoofdigOuder)!.gezag).toHaveLength(1);
      expect(byBsn.get(BSN.voogdijKind)!.gezag).toEqual([expect.objectContaining({ type: 'Voogdij', derden: [] })]);
      // A guardian living elsewhere is named with BSN only: the stand-in does not know their name.
      expect(byBsn.get(BSN.voogdijKind2)!.gezag[0].derden).toEqual([
        { type: 'BekendeDerde', burgerservicenummer: BSN.voogd, naam: {} },
      ]);
    });

    it('delivers a year-only birth date as JaarDatum and then no leeftijd', () => {
      const p = byBsn.get(BSN.weduwe84)!;
      expect(p.geboorte.datum).toEqual({ type: 'JaarDatum', jaar: 1941, langFormaat: '1941' });
      expect(p).not.toHaveProperty('leeftijd');
      expect(p.verblijfplaats.verblijfadres).toEqual(expect.objectContaining({ huisletter: 'a', huisnummertoevoeging: 'bis' }));
      expect(p.adressering.adresregel1).toBe('Lange Nieuwstraat 3a-bis');
    });

    it('delivers a year-and-month date as JaarMaandDatum, with no leeftijd in the birth month', () => {
      const p = byBsn.get(BSN.jaarMaand)!;
      expect(p.geboorte.datum).toEqual({ type: 'JaarMaandDatum', jaar: 1983, maand: 6, langFormaat: 'juni 1983' });
      expect(p).not.toHaveProperty('leeftijd');
      expect(p.naam.voorletters).toBe('IJ.O.');
      expect(p.adressering.aanhef).toBe('Geachte heer Van der Berg');
    });

    it('delivers an unknown date as DatumOnbekend and geheimhouding automatically', () => {
      const p = byBsn.get(BSN.geheim)!;
      expect(p.geboorte.datum).toEqual({ type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' });
      expect(p.geheimhoudingPersoonsgegevens).toBe(true);
      expect(p).not.toHaveProperty('leeftijd');
      expect(p.adressering.aanhef).toBe('Geachte A. Visser');
    });

    it('gives VerblijfplaatsOnbekend when the dwelling is not known', () => {
      const p = byBsn.get(BSN.zonderAdres)!;
      expect(p.verblijfplaats).toEqual({ type: 'VerblijfplaatsOnbekend' });
      expect(p).not.toHaveProperty('adressering');
    });

    it('leaves out unknown BSNs and answers each person once', async () => {
      const a = await call(sim, raadpleeg(['123456789', BSN.vaderA, BSN.vaderA], ['burgerservicenummer']));
      expect(a.body.personen).toEqual([{ burgerservicenummer: BSN.vaderA }]);
    });

    it('honours gemeenteVanInschrijving', async () => {
      const other = await call(sim, { ...raadpleeg([BSN.vaderA], ['burgerservicenummer']), gemeenteVanInschrijving: '0363' });
      expect(other.body.personen).toEqual([]);
      const own = await call(sim, { ...raadpleeg([BSN.vaderA], ['gemeenteVanInschrijving']), gemeenteVanInschrijving: '0344' });
      expect(own.body.personen).toEqual([{ gemeenteVanInschrijving: { code: '0344', omschrijving: 'Utrecht' } }]);
    });
  });

  describe('fields', () => {
    const only = async (bsn: string, fields: string[]): Promise<Json> => {
      const a = await call(sim, raadpleeg([bsn], fields));
      expectSpecValidResponse(a, 'Persoon');
      return a.body.personen[0];
    };

    it('gives a whole group for its name', async () => {
      expect(await only(BSN.dochterA12, ['naam'])).toEqual({
        naam: {
          voornamen: 'Fleur Anne',
          voorvoegsel: 'de',
          geslachtsnaam: 'Vries',
          voorletters: 'F.A.',
          volledigeNaam: 'Fleur Anne de Vries',
          aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
        },
      });
    });

    it('gives only the named field for a path', async () => {
      expect(await only(BSN.dochterA12, ['naam.voornamen', 'geslacht.code'])).toEqual({
        naam: { voornamen: 'Fleur Anne' },
        geslacht: { code: 'V' },
      });
    });

    it('keeps the type of a polymorphic object', async () => {
      expect(await only(BSN.vaderA, ['verblijfplaats.verblijfadres.postcode'])).toEqual({
        verblijfplaats: { type: 'Adres', verblijfadres: { postcode: '3512PH' } },
      });
      expect(await only(BSN.zonderAdres, ['verblijfplaats.verblijfadres.postcode'])).toEqual({
        verblijfplaats: { type: 'VerblijfplaatsOnbekend' },
      });
    });

    it('filters inside arrays', async () => {
      expect(await only(BSN.dochterA17, ['ouders.burgerservicenummer'])).toEqual({
        ouders: [{ burgerservicenummer: BSN.vaderA }, { burgerservicenummer: BSN.moederA }],
      });
    });

    it('delivers geheimhoudingPersoonsgegevens without being asked, and only when set', async () => {
      expect(await only(BSN.geheim, ['burgerservicenummer'])).toEqual({
        burgerservicenummer: BSN.geheim,
        geheimhoudingPersoonsgegevens: true,
      });
      expect(await only(BSN.vaderA, ['burgerservicenummer'])).toEqual({ burgerservicenummer: BSN.vaderA });
    });

    it.each([
      ['geheimhoudingPersoonsgegevens', 'niet toegestane'],
      ['naam.inOnderzoek', 'niet toegestane'],
      ['inOnderzoek', 'niet toegestane'],
      ['opschortingBijhouding.reden', 'niet toegestane'],
      ['rni', 'niet toegestane'],
      ['verificatie', 'niet toegestane'],
      ['bestaatNiet', 'niet bestaande'],
      ['geboorte.datum.jaar', 'niet bestaande'],
      ['naam..voornamen', 'niet bestaande'],
      ['naam.', 'niet bestaande'],
      ['gezag.ouders', 'niet bestaande'],
    ])('refuses %s (%s veldnaam)', async (field, kind) => {
      const a = await call(sim, raadpleeg([BSN.vaderA], ['burgerservicenummer', field]));
      expectFoutbericht(a, 400, 'BadRequestFoutbericht');
      expect(a.body.invalidParams).toEqual([
        expect.objectContaining({ name: 'fields', code: 'fields', reason: `Parameter bevat een ${kind} veldnaam.` }),
      ]);
    });

    it('refuses a field of Persoon in a search answering PersoonBeperkt', async () => {
      const a = await call(sim, zoekAdres(AOID.huishoudenA, ['verblijfplaats']));
      expectFoutbericht(a, 400, 'BadRequestFoutbericht');
      expect(a.body.invalidParams[0]).toEqual(expect.objectContaining({ name: 'fields', code: 'fields' }));
    });

    it('gives a search only the PersoonBeperkt part of a group', async () => {
      const a = await call(sim, zoekAdres(AOID.huishoudenA, ['naam', 'adressering']));
      expectSpecValidResponse(a, 'GezagPersoonBeperkt');
      for (const p of a.body.personen) {
        expect(p.naam).not.toHaveProperty('aanduidingNaamgebruik');
        expect(p.adressering).not.toHaveProperty('aanhef');
        expect(p.adressering).toHaveProperty('adresregel1');
      }
    });
  });

  describe('searches', () => {
    it('ZoekMetAdresseerbaarObjectIdentificatie gives the household, gezag included', async () => {
      const a = await call(sim, zoekAdres(AOID.huishoudenA, ['burgerservicenummer', 'geboorte.datum', 'leeftijd', 'gezag']));
      expectSpecValidResponse(a, 'GezagPersoonBeperkt');
      expect(a.body.personen.map((p: Json) => p.burgerservicenummer).sort()).toEqual(
        [BSN.vaderA, BSN.moederA, BSN.dochterA17, BSN.dochterA12].sort(),
      );
      const minor = a.body.personen.find((p: Json) => p.burgerservicenummer === BSN.dochterA12);
      expect(minor.gezag[0].type).toBe('GezamenlijkOuderlijkGezag');
    });

    it('ZoekMetAdresseerbaarObjectIdentificatie finds nobody at an empty address', async () => {
      const a = await call(sim, zoekAdres(AOID.leeg, ['burgerservicenummer']));
      expectSpecValidResponse(a, 'GezagPersoonBeperkt');
      expect(a.body.personen).toEqual([]);
    });

    it('ZoekMetPostcodeEnHuisnummer matches postcode loosely and huisletter case-insensitively', async () => {
      const base = { type: 'ZoekMetPostcodeEnHuisnummer', fields: ['burgerservicenummer', 'naam.volledigeNaam'] };
      const a = await call(sim, { ...base, postcode: '3512 ph', huisnummer: 1 });
      expectSpecValidResponse(a, 'PersoonBeperkt');
      expect(a.body.personen).toHaveLength(4);
      const b = await call(sim, { ...base, postcode: '3512PH', huisnummer: 3, huisletter: 'A' });
      expect(b.body.personen).toEqual([{ burgerservicenummer: BSN.weduwe84, naam: { volledigeNaam: 'Geertruida Smit' } }]);
      const c = await call(sim, { ...base, postcode: '3512PH', huisnummer: 1, geslachtsnaam: 'vri*', geboortedatum: '2013-09-02' });
      expect(c.body.personen.map((p: Json) => p.burgerservicenummer)).toEqual([BSN.dochterA12]);
    });

    it('ZoekMetNummeraanduidingIdentificatie finds the people at that address', async () => {
      const a = await call(sim, {
        type: 'ZoekMetNummeraanduidingIdentificatie',
        nummeraanduidingIdentificatie: address(3).nummeraanduidingId,
        fields: ['burgerservicenummer'],
      });
      expectSpecValidResponse(a, 'PersoonBeperkt');
      expect(a.body.personen).toEqual([{ burgerservicenummer: BSN.weduwe84 }]);
    });

    it('answers 501 for the name searches it does not implement', async () => {
      const a = await call(sim, { type: 'ZoekMetGeslachtsnaamEnGeboortedatum', geslachtsnaam: 'Vries', geboortedatum: '2008-01-20', fields: ['burgerservicenummer'] });
      expectFoutbericht(a, 501);
    });
  });

  describe('errors', () => {
    it.each([
      ['21 BSNs', raadpleeg(Array.from({ length: 21 }, () => BSN.vaderA), ['burgerservicenummer']), 'burgerservicenummer', 'maxItems'],
      ['no BSNs', raadpleeg([], ['burgerservicenummer']), 'burgerservicenummer', 'minItems'],
      ['a malformed BSN', raadpleeg(['12345678a'], ['burgerservicenummer']), 'burgerservicenummer', 'pattern'],
      ['BSNs not in an array', { ...raadpleeg([], ['burgerservicenummer']), burgerservicenummer: BSN.vaderA }, 'burgerservicenummer', 'array'],
      ['no fields', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [BSN.vaderA] }, 'fields', 'required'],
      ['empty fields', raadpleeg([BSN.vaderA], []), 'fields', 'minItems'],
      ['an unknown type', { type: 'ZoekMetKristallenBol', fields: ['burgerservicenummer'] }, 'type', 'value'],
      ['no type', { burgerservicenummer: [BSN.vaderA], fields: ['burgerservicenummer'] }, 'type', 'required'],
      ['an unexpected parameter', { ...raadpleeg([BSN.vaderA], ['burgerservicenummer']), inclusiefOverledenPersonen: true }, 'inclusiefOverledenPersonen', 'unknownParam'],
      ['a malformed BAG id', zoekAdres('0000000000000000', ['burgerservicenummer']), 'adresseerbaarObjectIdentificatie', 'pattern'],
      ['a non-boolean flag', zoekAdres(AOID.huishoudenA, ['burgerservicenummer'], { inclusiefOverledenPersonen: 'ja' }), 'inclusiefOverledenPersonen', 'boolean'],
      ['a bad gemeente', { ...raadpleeg([BSN.vaderA], ['burgerservicenummer']), gemeenteVanInschrijving: '344' }, 'gemeenteVanInschrijving', 'pattern'],
      ['a huisnummer of 0', { type: 'ZoekMetPostcodeEnHuisnummer', postcode: '3512PH', huisnummer: 0, fields: ['burgerservicenummer'] }, 'huisnummer', 'minimum'],
    ])('400 for %s', async (_case, body, name, code) => {
      const a = await call(sim, body);
      expectFoutbericht(a, 400, 'BadRequestFoutbericht');
      expect(a.body.code).toBe('paramsValidation');
      expect(a.body.invalidParams).toEqual([expect.objectContaining({ name, code })]);
    });

    it('reports every problem once', async () => {
      const a = await call(sim, { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['1', '2', BSN.vaderA], fields: ['x', 'y'] });
      expectFoutbericht(a, 400, 'BadRequestFoutbericht');
      expect(a.body.invalidParams.map((p: Json) => `${p.name}:${p.code}`)).toEqual(['burgerservicenummer:pattern', 'fields:fields']);
    });

    it('400 for a body that is not JSON', async () => {
      expectFoutbericht(await call(sim, null, { raw: '{"type":' }), 400, 'BadRequestFoutbericht');
    });

    it('415 for another content type, or another charset', async () => {
      const body = raadpleeg([BSN.vaderA], ['burgerservicenummer']);
      expectFoutbericht(await call(sim, body, { headers: { 'Content-Type': 'text/plain' } }), 415);
      expectFoutbericht(await call(sim, body, { headers: { 'Content-Type': 'application/json; charset=iso-8859-1' } }), 415);
      expect((await call(sim, body, { headers: { 'Content-Type': 'application/json' } })).status).toBe(200);
      expect((await call(sim, body, { headers: { 'Content-Type': 'Application/JSON; Charset=UTF-8' } })).status).toBe(200);
    });

    it('406 when JSON is not acceptable', async () => {
      expectFoutbericht(await call(sim, raadpleeg([BSN.vaderA], ['burgerservicenummer']), { headers: { Accept: 'text/html' } }), 406);
    });

    it('404 for another path, 405 for another method', async () => {
      expectFoutbericht(await call(sim, {}, { path: '/ingeschrevenpersonen' }), 404);
      const a = await call(sim, null, { method: 'GET' });
      expectFoutbericht(a, 405);
      expect(a.headers.get('allow')).toBe('POST');
    });

    it('503 while unavailable, and counts requests', async () => {
      const before = sim.requests;
      sim.setAvailable(false);
      try {
        const a = await call(sim, raadpleeg([BSN.vaderA], ['burgerservicenummer']));
        expectFoutbericht(a, 503);
        expect(a.body.code).toBe('notAvailable');
      } finally {
        sim.setAvailable(true);
      }
      expect((await call(sim, raadpleeg([BSN.vaderA], ['burgerservicenummer']))).status).toBe(200);
      expect(sim.requests).toBe(before + 2);
    });
  });
});

describe('BRP stand-in over time and changes', () => {
  it('ends gezag at 18, on the minor and on the parents', async () => {
    const sim = await startBrpSimulator({ municipality: municipalityFixture(), now: () => new Date('2026-01-21T12:00:00Z') });
    try {
      const a = await call(sim, raadpleeg([BSN.dochterA17, BSN.vaderA], ['burgerservicenummer', 'leeftijd', 'gezag']));
      const [dochter, vader] = [BSN.dochterA17, BSN.vaderA].map((bsn) => a.body.personen.find((p: Json) => p.burgerservicenummer === bsn));
      expect(dochter.leeftijd).toBe(18);
      expect(dochter).not.toHaveProperty('gezag');
      expect(vader.gezag.map((g: Json) => g.minderjarige.burgerservicenummer)).toEqual([BSN.dochterA12]);
    } finally {
      await sim.close();
    }
  });

  it('setInhabitant adds and replaces; setOverlijden marks a death', async () => {
    const sim = await startBrpSimulator({ municipality: municipalityFixture(), now: () => FIXTURE_NOW });
    try {
      sim.setInhabitant(inhabitant(BSN.dochterZelfstandig, { voornamen: 'Eva Maria', geslachtsnaam: 'Vries', voorvoegsel: 'de', adresseerbaarObjectId: AOID.huishoudenA }));
      sim.setOverlijden(BSN.moederA, { year: 2025, month: 2, day: 1 });
      const household = await call(sim, zoekAdres(AOID.huishoudenA, ['burgerservicenummer']));
      expect(household.body.personen.map((p: Json) => p.burgerservicenummer).sort()).toEqual(
        [BSN.vaderA, BSN.dochterA17, BSN.dochterA12, BSN.dochterZelfstandig].sort(),
      );
      const inclusief = await call(sim, zoekAdres(AOID.huishoudenA, ['burgerservicenummer'], { inclusiefOverledenPersonen: true }));
      expectSpecValidResponse(inclusief, 'GezagPersoonBeperkt');
      expect(inclusief.body.personen).toContainEqual({
        burgerservicenummer: BSN.moederA,
        opschortingBijhouding: { reden: { code: 'O', omschrijving: 'overlijden' }, datum: expect.objectContaining({ type: 'Datum', datum: '2025-02-01' }) },
      });
      // Raadplegen delivers the deceased too, without leeftijd.
      const moeder = await call(sim, raadpleeg([BSN.moederA], ['burgerservicenummer', 'overlijden', 'leeftijd']));
      expectSpecValidResponse(moeder, 'Persoon');
      expect(moeder.body.personen[0].overlijden).toEqual({ datum: { type: 'Datum', datum: '2025-02-01', langFormaat: '1 februari 2025' } });
      expect(moeder.body.personen[0]).not.toHaveProperty('leeftijd');
      const eva = await call(sim, raadpleeg([BSN.dochterZelfstandig], ['naam.voornamen']));
      expect(eva.body.personen[0]).toEqual({ naam: { voornamen: 'Eva Maria' } });
    } finally {
      await sim.close();
    }
  });

  it('asks for the API key when configured', async () => {
    const sim = await startBrpSimulator({ municipality: municipalityFixture(), apiKey: 'sleutel' });
    try {
      const body = raadpleeg([BSN.vaderA], ['burgerservicenummer']);
      expectFoutbericht(await call(sim, body), 401);
      expect((await call(sim, body, { headers: { 'X-API-KEY': 'sleutel' } })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
