/**
 * The spec validator must not pass vacuously: these are answers that break the spec in ways a
 * plain `$ref` (discriminator ignored) would let through.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SHARED_SPEC_PATH, SPEC_PATH, specPaths, validateAgainstSpec } from './spec';

const response = (persoon: Record<string, unknown>): unknown => ({ type: 'RaadpleegMetBurgerservicenummer', personen: [persoon] });

describe('spec validator', () => {
  it('reads an unchanged copy of the shared reference spec', () => {
    if (!existsSync(SHARED_SPEC_PATH)) return; // a clone without ../shared has only the shipped copy
    expect(readFileSync(SPEC_PATH)).toEqual(readFileSync(SHARED_SPEC_PATH));
  });

  it('accepts a minimal valid answer', () => {
    expect(validateAgainstSpec('PersonenQueryResponse', response({ burgerservicenummer: '999990007' }))).toEqual([]);
  });

  it.each([
    ['a Datum without datum', { geboorte: { datum: { type: 'Datum', langFormaat: '1 mei 2000' } } }],
    ['a JaarMaandDatum without maand', { geboorte: { datum: { type: 'JaarMaandDatum', jaar: 2000, langFormaat: '2000' } } }],
    ['an unknown date type', { geboorte: { datum: { type: 'Ongeveer', langFormaat: 'ooit' } } }],
    ['a date with a capital in langFormaat', { geboorte: { datum: { type: 'JaarDatum', jaar: 2000, langFormaat: 'Jaar 2000' } } }],
    ['joint authority with one parent', { gezag: [{ type: 'GezamenlijkOuderlijkGezag', minderjarige: { burgerservicenummer: '999990032' }, ouders: [{ naam: {} }] }] }],
    ['gezag without minderjarige', { gezag: [{ type: 'Voogdij', derden: [] }] }],
    ['TijdelijkGeenGezag without toelichting', { gezag: [{ type: 'TijdelijkGeenGezag', minderjarige: { burgerservicenummer: '999990032' } }] }],
    ['a verblijfplaats without type', { verblijfplaats: { adresseerbaarObjectIdentificatie: '0599010000000001' } }],
    ['a negative leeftijd', { leeftijd: -1 }],
    ['a BSN of eight digits', { burgerservicenummer: '99999000' }],
  ])('refuses %s', (_case, persoon) => {
    expect(validateAgainstSpec('PersonenQueryResponse', response(persoon))).not.toEqual([]);
  });

  it('refuses an answer of an unknown type', () => {
    expect(validateAgainstSpec('PersonenQueryResponse', { type: 'Iets', personen: [] })).not.toEqual([]);
  });

  it('walks every variant of a polymorphic property', () => {
    const paths = specPaths('Persoon');
    expect(paths).toContain('verblijfplaats.verblijfadres.officieleStraatnaam'); // Adres
    expect(paths).toContain('verblijfplaats.verblijfadres.regel1'); // VerblijfplaatsBuitenland
    expect(paths).toContain('verblijfplaats.verblijfadres.locatiebeschrijving'); // Locatie
    expect(paths).toContain('gezag.derden.burgerservicenummer'); // Voogdij
    expect(paths).toContain('geboorte.datum.jaar'); // JaarDatum
  });
});
