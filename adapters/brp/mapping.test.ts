/**
 * mapPersoon on hand-written fixtures, written from the spec (not produced by the stand-in). Each
 * spec-shaped fixture is first validated against the spec's `Persoon`, so the tests cannot drift
 * into a dialect of our own.
 */
import type { PersoonRecord } from '../../domain/records';
import { mapDatum, mapPersoon } from './mapping';
import { SourceError } from './source-error';
import { validateAgainstSpec } from './testing/spec';

type Json = Record<string, unknown>;

/** Asserts the fixture is a spec `Persoon`, then maps it. */
function mapSpecPersoon(persoon: Json): PersoonRecord {
  expect(validateAgainstSpec('Persoon', persoon)).toEqual([]);
  return mapPersoon(persoon, 'personen[0]');
}

const BSN_KIND = '999990044';
const BSN_VADER = '999990007';
const BSN_MOEDER = '999990019';
const BSN_VOOGD = '999990056';

const volledig: Json = {
  burgerservicenummer: BSN_KIND,
  geslacht: { code: 'V', omschrijving: 'vrouw' },
  leeftijd: 12,
  naam: {
    voornamen: 'Fleur Anne',
    voorvoegsel: 'de',
    geslachtsnaam: 'Vries',
    voorletters: 'F.A.',
    volledigeNaam: 'Fleur Anne de Vries',
    aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
  },
  geboorte: {
    datum: { type: 'Datum', datum: '2013-09-02', langFormaat: '2 september 2013' },
    land: { code: '6030', omschrijving: 'Nederland' },
    plaats: { code: '0344', omschrijving: 'Utrecht' },
  },
  verblijfplaats: {
    type: 'Adres',
    adresseerbaarObjectIdentificatie: '0344010000123456',
    nummeraanduidingIdentificatie: '0344200000123456',
    functieAdres: { code: 'W', omschrijving: 'woonadres' },
    datumVan: { type: 'Datum', datum: '2013-09-10', langFormaat: '10 september 2013' },
    verblijfadres: {
      officieleStraatnaam: 'Burgemeester Reigerstraat',
      korteStraatnaam: 'Burg Reigerstr',
      huisnummer: 12,
      huisletter: 'b',
      huisnummertoevoeging: '2hg',
      postcode: '3581KP',
      woonplaats: 'Utrecht',
    },
  },
  ouders: [
    { burgerservicenummer: BSN_VADER, ouderAanduiding: '1', naam: { voornamen: 'Johannes Pieter', voorvoegsel: 'de', geslachtsnaam: 'Vries' } },
    { burgerservicenummer: BSN_MOEDER, ouderAanduiding: '2', naam: { voornamen: 'Maria', geslachtsnaam: 'Bakker' } },
  ],
  gezag: [
    {
      type: 'GezamenlijkOuderlijkGezag',
      minderjarige: { burgerservicenummer: BSN_KIND, naam: { volledigeNaam: 'Fleur Anne de Vries' }, leeftijd: 12 },
      ouders: [
        { burgerservicenummer: BSN_VADER, naam: { volledigeNaam: 'Johannes Pieter de Vries' } },
        { burgerservicenummer: BSN_MOEDER, naam: { volledigeNaam: 'Maria Bakker' } },
      ],
    },
  ],
};

const minderjarige = { burgerservicenummer: BSN_KIND, naam: { volledigeNaam: 'Fleur Anne de Vries' } };

describe('mapPersoon', () => {
  it('maps a complete person', () => {
    expect(mapSpecPersoon(volledig)).toEqual<PersoonRecord>({
      burgerservicenummer: BSN_KIND,
      naam: { voornamen: 'Fleur Anne', voorvoegsel: 'de', geslachtsnaam: 'Vries', volledigeNaam: 'Fleur Anne de Vries' },
      geboortedatum: '2013-09-02',
      geboortedatumOnvolledig: null,
      geslacht: 'V',
      leeftijd: 12,
      adres: {
        adresseerbaarObjectId: '0344010000123456',
        straat: 'Burgemeester Reigerstraat',
        huisnummer: 12,
        huisletter: 'b',
        huisnummertoevoeging: '2hg',
        postcode: '3581KP',
        woonplaats: 'Utrecht',
      },
      geheimhouding: false,
      ouders: [BSN_VADER, BSN_MOEDER],
      gezag: [{ type: 'GezamenlijkOuderlijkGezag', ouders: [BSN_VADER, BSN_MOEDER], minderjarige: BSN_KIND }],
      overleden: false,
    });
  });

  it('maps a person with nothing but a BSN to nulls and empty lists', () => {
    expect(mapSpecPersoon({ burgerservicenummer: BSN_VADER })).toEqual<PersoonRecord>({
      burgerservicenummer: BSN_VADER,
      naam: { voornamen: null, voorvoegsel: null, geslachtsnaam: null, volledigeNaam: null },
      geboortedatum: null,
      geboortedatumOnvolledig: null,
      geslacht: null,
      leeftijd: null,
      adres: null,
      geheimhouding: false,
      ouders: [],
      gezag: [],
      overleden: false,
    });
  });

  it('maps a partial naam and geslacht without omschrijving', () => {
    const r = mapSpecPersoon({ burgerservicenummer: BSN_VADER, naam: { geslachtsnaam: 'Vries' }, geslacht: { code: 'M' } });
    expect(r.naam).toEqual({ voornamen: null, voorvoegsel: null, geslachtsnaam: 'Vries', volledigeNaam: null });
    expect(r.geslacht).toBe('M');
  });

  describe('geboortedatum', () => {
    const withDatum = (datum: Json): PersoonRecord => mapSpecPersoon({ burgerservicenummer: BSN_VADER, geboorte: { datum } });

    it('Datum gives the ISO date', () => {
      const r = withDatum({ type: 'Datum', datum: '1983-05-26', langFormaat: '26 mei 1983' });
      expect([r.geboortedatum, r.geboortedatumOnvolledig]).toEqual(['1983-05-26', null]);
    });

    it('JaarMaandDatum gives year and month, no date', () => {
      const r = withDatum({ type: 'JaarMaandDatum', jaar: 1983, maand: 5, langFormaat: 'mei 1983' });
      expect([r.geboortedatum, r.geboortedatumOnvolledig]).toEqual([null, { jaar: 1983, maand: 5 }]);
    });

    it('JaarDatum gives the year only', () => {
      const r = withDatum({ type: 'JaarDatum', jaar: 1941, langFormaat: '1941' });
      expect([r.geboortedatum, r.geboortedatumOnvolledig]).toEqual([null, { jaar: 1941, maand: null }]);
    });

    it('DatumOnbekend says the date is known to be unknown', () => {
      const r = withDatum({ type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' });
      expect([r.geboortedatum, r.geboortedatumOnvolledig]).toEqual([null, { jaar: null, maand: null }]);
    });

    it('a date type from a later API version is read as nothing known, not refused', () => {
      expect(mapDatum({ type: 'Ongeveer', langFormaat: 'rond 1900', rond: 1900 }, 'd')).toEqual({ datum: null, onvolledig: null });
    });

    it('geboorte without datum gives nothing', () => {
      const r = mapSpecPersoon({ burgerservicenummer: BSN_VADER, geboorte: { land: { code: '6030', omschrijving: 'Nederland' } } });
      expect([r.geboortedatum, r.geboortedatumOnvolledig]).toEqual([null, null]);
    });
  });

  describe('verblijfplaats', () => {
    const withVerblijfplaats = (verblijfplaats: Json): PersoonRecord => mapSpecPersoon({ burgerservicenummer: BSN_VADER, verblijfplaats });

    it('VerblijfplaatsBuitenland gives no adres', () => {
      expect(
        withVerblijfplaats({
          type: 'VerblijfplaatsBuitenland',
          verblijfadres: { regel1: 'Rue de la Loi 16', regel2: '1000 Bruxelles', land: { code: '5010', omschrijving: 'België' } },
        }).adres,
      ).toBeNull();
    });

    it('VerblijfplaatsOnbekend gives no adres', () => {
      expect(withVerblijfplaats({ type: 'VerblijfplaatsOnbekend', datumVan: { type: 'JaarDatum', jaar: 2020, langFormaat: '2020' } }).adres).toBeNull();
    });

    it('Locatie (no BAG object) gives no adres', () => {
      expect(
        withVerblijfplaats({
          type: 'Locatie',
          functieAdres: { code: 'W', omschrijving: 'woonadres' },
          verblijfadres: { locatiebeschrijving: 'Woonboot bij de Weerdsluis' },
        }).adres,
      ).toBeNull();
    });

    it('an Adres without adresseerbaar object gives no adres: it cannot make a household', () => {
      expect(withVerblijfplaats({ type: 'Adres', verblijfadres: { officieleStraatnaam: 'Oudegracht', huisnummer: 1 } }).adres).toBeNull();
    });

    it('a partial Adres gives what is there, the short street name when the official one is missing', () => {
      expect(
        withVerblijfplaats({
          type: 'Adres',
          adresseerbaarObjectIdentificatie: '0344010000000001',
          verblijfadres: { korteStraatnaam: 'Oudegracht', huisnummer: 1 },
        }).adres,
      ).toEqual({
        adresseerbaarObjectId: '0344010000000001',
        straat: 'Oudegracht',
        huisnummer: 1,
        huisletter: null,
        huisnummertoevoeging: null,
        postcode: null,
        woonplaats: null,
      });
    });

    it('an Adres with only its identification gives an adres of nulls', () => {
      expect(withVerblijfplaats({ type: 'Adres', adresseerbaarObjectIdentificatie: '0344010000000001' }).adres).toEqual(
        expect.objectContaining({ adresseerbaarObjectId: '0344010000000001', straat: null, huisnummer: null }),
      );
    });

    it('a verblijfplaats type from a later API version gives no adres', () => {
      expect(mapPersoon({ burgerservicenummer: BSN_VADER, verblijfplaats: { type: 'Ruimteschip' } }).adres).toBeNull();
    });
  });

  it('geheimhoudingPersoonsgegevens true is kept', () => {
    expect(mapSpecPersoon({ burgerservicenummer: BSN_VADER, geheimhoudingPersoonsgegevens: true }).geheimhouding).toBe(true);
  });

  it('ouders without BSN (unknown parent) are left out', () => {
    const r = mapSpecPersoon({
      burgerservicenummer: BSN_KIND,
      ouders: [
        { burgerservicenummer: BSN_MOEDER, ouderAanduiding: '1' },
        { ouderAanduiding: '2', naam: { geslachtsnaam: '.' } },
      ],
    });
    expect(r.ouders).toEqual([BSN_MOEDER]);
  });

  describe('gezag', () => {
    const withGezag = (...gezag: Json[]): PersoonRecord['gezag'] => mapSpecPersoon({ burgerservicenummer: BSN_KIND, gezag }).gezag;

    it('EenhoofdigOuderlijkGezag names the one parent', () => {
      expect(withGezag({ type: 'EenhoofdigOuderlijkGezag', minderjarige, ouder: { burgerservicenummer: BSN_MOEDER, naam: { volledigeNaam: 'Maria Bakker' } } })).toEqual([
        { type: 'EenhoofdigOuderlijkGezag', ouders: [BSN_MOEDER], minderjarige: BSN_KIND },
      ]);
    });

    it('GezamenlijkGezag names the parent and a known third person', () => {
      expect(
        withGezag({
          type: 'GezamenlijkGezag',
          minderjarige,
          ouder: { burgerservicenummer: BSN_MOEDER, naam: {} },
          derde: { type: 'BekendeDerde', burgerservicenummer: BSN_VOOGD, naam: { volledigeNaam: 'Sam Jansen' } },
        }),
      ).toEqual([{ type: 'GezamenlijkGezag', ouders: [BSN_MOEDER, BSN_VOOGD], minderjarige: BSN_KIND }]);
    });

    it('GezamenlijkGezag with an unknown third person names only the parent', () => {
      expect(
        withGezag({ type: 'GezamenlijkGezag', minderjarige, ouder: { burgerservicenummer: BSN_MOEDER, naam: {} }, derde: { type: 'OnbekendeDerde' } }),
      ).toEqual([{ type: 'GezamenlijkGezag', ouders: [BSN_MOEDER], minderjarige: BSN_KIND }]);
    });

    it('Voogdij names the known guardians, none for an institution', () => {
      expect(withGezag({ type: 'Voogdij', minderjarige, derden: [{ type: 'BekendeDerde', burgerservicenummer: BSN_VOOGD }] })).toEqual([
        { type: 'Voogdij', ouders: [BSN_VOOGD], minderjarige: BSN_KIND },
      ]);
      expect(withGezag({ type: 'Voogdij', minderjarige, derden: [] })).toEqual([{ type: 'Voogdij', ouders: [], minderjarige: BSN_KIND }]);
      expect(withGezag({ type: 'Voogdij', minderjarige })).toEqual([{ type: 'Voogdij', ouders: [], minderjarige: BSN_KIND }]);
    });

    it.each(['TijdelijkGeenGezag', 'GezagNietTeBepalen'])('%s names nobody', (type) => {
      expect(withGezag({ type, minderjarige, toelichting: 'Tijdelijk geen gezag: beide ouders zijn overleden.' })).toEqual([
        { type, ouders: [], minderjarige: BSN_KIND },
      ]);
    });

    it('a parent without BSN is left out of the holders', () => {
      expect(
        withGezag({
          type: 'GezamenlijkOuderlijkGezag',
          minderjarige,
          ouders: [{ burgerservicenummer: BSN_MOEDER, naam: {} }, { naam: { volledigeNaam: 'Onbekend' } }],
        }),
      ).toEqual([{ type: 'GezamenlijkOuderlijkGezag', ouders: [BSN_MOEDER], minderjarige: BSN_KIND }]);
    });

    it('a gezag type from a later API version is kept by name, with no holders', () => {
      const r = mapPersoon({ burgerservicenummer: BSN_KIND, gezag: [{ type: 'NieuwSoortGezag', minderjarige, voogden: [{ burgerservicenummer: BSN_VOOGD }] }] });
      expect(r.gezag).toEqual([{ type: 'NieuwSoortGezag', ouders: [], minderjarige: BSN_KIND }]);
    });

    it('a parent gets one relation per minor', () => {
      const r = mapSpecPersoon({
        burgerservicenummer: BSN_MOEDER,
        gezag: [
          { type: 'EenhoofdigOuderlijkGezag', minderjarige: { burgerservicenummer: '999990032' }, ouder: { burgerservicenummer: BSN_MOEDER, naam: {} } },
          { type: 'EenhoofdigOuderlijkGezag', minderjarige: { burgerservicenummer: BSN_KIND }, ouder: { burgerservicenummer: BSN_MOEDER, naam: {} } },
        ],
      });
      expect(r.gezag.map((g) => g.minderjarige)).toEqual(['999990032', BSN_KIND]);
    });
  });

  describe('overleden', () => {
    it('is true when overlijden is delivered', () => {
      const r = mapSpecPersoon({ burgerservicenummer: BSN_VADER, overlijden: { datum: { type: 'JaarDatum', jaar: 2024, langFormaat: '2024' } } });
      expect(r.overleden).toBe(true);
    });

    it('is true when bijhouding is suspended for overlijden (reden O), even without overlijden', () => {
      const r = mapSpecPersoon({
        burgerservicenummer: BSN_VADER,
        opschortingBijhouding: { reden: { code: 'O', omschrijving: 'overlijden' }, datum: { type: 'Datum', datum: '2024-03-01', langFormaat: '1 maart 2024' } },
      });
      expect(r.overleden).toBe(true);
    });

    it('is false for a suspension for another reason', () => {
      const r = mapSpecPersoon({ burgerservicenummer: BSN_VADER, opschortingBijhouding: { reden: { code: 'E', omschrijving: 'emigratie' } } });
      expect(r.overleden).toBe(false);
    });
  });

  it('ignores properties it does not know (forward compatible)', () => {
    const r = mapPersoon({ ...volledig, toekomstigVeld: { iets: 1 }, naam: { ...(volledig.naam as Json), roepnaam: 'Fleur' } });
    expect(r).toEqual(mapPersoon(volledig));
  });

  describe('refuses what breaks the spec, without personal data in the message', () => {
    it.each<[string, unknown, string]>([
      ['not an object', 'Fleur de Vries', 'personen[0]'],
      ['no BSN', { naam: { geslachtsnaam: 'Vries' } }, 'personen[0].burgerservicenummer'],
      ['a BSN of the wrong length', { burgerservicenummer: '99999004' }, 'personen[0].burgerservicenummer'],
      ['naam as a string', { burgerservicenummer: BSN_KIND, naam: 'Fleur de Vries' }, 'personen[0].naam'],
      ['voornamen as a number', { burgerservicenummer: BSN_KIND, naam: { voornamen: 42 } }, 'personen[0].naam.voornamen'],
      ['a date without type', { burgerservicenummer: BSN_KIND, geboorte: { datum: { datum: '2013-09-02' } } }, 'personen[0].geboorte.datum.type'],
      ['an impossible Datum', { burgerservicenummer: BSN_KIND, geboorte: { datum: { type: 'Datum', datum: '2013-02-30', langFormaat: 'x' } } }, 'personen[0].geboorte.datum.datum'],
      ['a JaarMaandDatum without maand', { burgerservicenummer: BSN_KIND, geboorte: { datum: { type: 'JaarMaandDatum', jaar: 2013 } } }, 'personen[0].geboorte.datum.maand'],
      ['leeftijd as a string', { burgerservicenummer: BSN_KIND, leeftijd: '12' }, 'personen[0].leeftijd'],
      ['a negative leeftijd', { burgerservicenummer: BSN_KIND, leeftijd: -3 }, 'personen[0].leeftijd'],
      ['a verblijfplaats without type', { burgerservicenummer: BSN_KIND, verblijfplaats: { adresseerbaarObjectIdentificatie: '0344010000123456' } }, 'personen[0].verblijfplaats.type'],
      ['a malformed BAG id', { burgerservicenummer: BSN_KIND, verblijfplaats: { type: 'Adres', adresseerbaarObjectIdentificatie: '3581KP12' } }, 'personen[0].verblijfplaats.adresseerbaarObjectIdentificatie'],
      ['gezag as an object', { burgerservicenummer: BSN_KIND, gezag: { type: 'Voogdij' } }, 'personen[0].gezag'],
      ['a gezagsrelatie without type', { burgerservicenummer: BSN_KIND, gezag: [{ minderjarige }] }, 'personen[0].gezag[0].type'],
      ['a gezag holder with a malformed BSN', { burgerservicenummer: BSN_KIND, gezag: [{ type: 'EenhoofdigOuderlijkGezag', minderjarige, ouder: { burgerservicenummer: BSN_MOEDER.slice(1) } }] }, 'personen[0].gezag[0].ouder.burgerservicenummer'],
      ['an ouder as a string', { burgerservicenummer: BSN_KIND, ouders: [BSN_VADER] }, 'personen[0].ouders[0]'],
      ['geheimhouding as a string', { burgerservicenummer: BSN_KIND, geheimhoudingPersoonsgegevens: 'ja' }, 'personen[0].geheimhoudingPersoonsgegevens'],
    ])('%s', (_case, value, path) => {
      let error: unknown;
      try {
        mapPersoon(value, 'personen[0]');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SourceError);
      const e = error as SourceError;
      expect(e.code).toBe('SOURCE_PROTOCOL_ERROR');
      expect(e.source).toBe('BRP');
      expect(e.message).toContain(`expected ${path} to be`);
      for (const pii of [BSN_KIND, BSN_VADER, BSN_MOEDER, BSN_MOEDER.slice(1), 'Fleur', 'Vries', '2013-02-30', '3581KP12', '99999004']) {
        expect(e.message).not.toContain(pii);
      }
    });
  });
});
