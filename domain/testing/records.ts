import type { JeugdhulpRecord, UitkeringRecord, WmoVoorzieningRecord } from '../records';

/**
 * Test records of each kind, for a test BSN (999 range), with plausible code-list values; each
 * test states the fields it cares about in `over`.
 */
export const TEST_BSN = '999990019';

export const wmoVoorziening = (over: Partial<WmoVoorzieningRecord> = {}): WmoVoorzieningRecord => ({
  burgerservicenummer: TEST_BSN,
  toewijzingNummer: 'WVZ-1',
  productCategorie: '02',
  productCode: '02A01',
  omschrijving: 'Huishoudelijke ondersteuning',
  ingangsdatum: '2025-01-01',
  einddatum: null,
  omvang: { volume: 3, eenheid: 'uur', frequentie: 'week' },
  leveringsvorm: 'ZIN',
  ...over,
});

export const jeugdhulp = (over: Partial<JeugdhulpRecord> = {}): JeugdhulpRecord => ({
  burgerservicenummer: TEST_BSN,
  toewijzingNummer: 'JH-1',
  productCategorie: '45',
  productCode: '45A48',
  omschrijving: 'Ambulante jeugdhulp',
  verwijzer: 'huisarts',
  ingangsdatum: '2025-09-01',
  einddatum: null,
  startZorg: null,
  stopZorg: null,
  omvang: null,
  ...over,
});

export const uitkering = (over: Partial<UitkeringRecord> = {}): UitkeringRecord => ({
  burgerservicenummer: TEST_BSN,
  dossierNummer: 'UIT-1',
  soort: 'PW_ALGEMENE_BIJSTAND',
  omschrijving: 'Algemene bijstand',
  ingangsdatum: '2025-04-01',
  einddatum: null,
  besluiten: [{ soort: 'TOEKENNING', datum: '2025-03-20', toelichting: null }],
  ...over,
});
