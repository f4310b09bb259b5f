/**
 * A tiny hand-built municipality for GWS tests: only what GWS holds (Wmo voorzieningen and
 * uitkeringen), with elfproef-valid test BSNs. Test data only; neither side of the wire uses it.
 */
import { bsnCheckDigit } from '../../../lib/bsn';
import type { Municipality, Uitkering, WmoVoorziening } from '../../../municipality/types';

/** The n-th valid test BSN in the 999 range (skipping prefixes without a check digit). */
function testBsn(n: number): string {
  let candidate = n;
  for (;;) {
    const prefix = `999${String(candidate).padStart(5, '0')}`;
    const digit = bsnCheckDigit(prefix);
    if (digit !== null) return `${prefix}${digit}`;
    candidate += 50_000; // another prefix in the same 999 range, far from the ones tests count on
  }
}

export function wmoVoorziening(overrides: Partial<WmoVoorziening> = {}): WmoVoorziening {
  return {
    bsn: '999990019',
    toewijzingNummer: 'WMO-000001',
    productCategorie: '02',
    productCode: '02A01',
    omschrijving: 'Begeleiding individueel',
    ingangsdatum: '2024-03-01',
    omvang: { volume: 4, eenheid: '04', frequentie: '2' },
    leveringsvorm: 'ZIN',
    ...overrides,
  };
}

export function uitkering(overrides: Partial<Uitkering> = {}): Uitkering {
  return {
    bsn: '999990068',
    dossierNummer: 'PW-000001',
    soort: 'BIJZONDERE_BIJSTAND',
    omschrijving: 'Bijzondere bijstand kinderopvang',
    ingangsdatum: '2024-09-01',
    einddatum: '2024-12-31',
    besluiten: [
      { soort: 'AFWIJZING', datum: '2024-06-12', toelichting: 'Vermogen boven de grens' },
      { soort: 'TOEKENNING', datum: '2024-08-20' },
    ],
    ...overrides,
  };
}

/** `count` voorzieningen with keys WMO-000001…, spread over a few clients. */
export function manyWmoVoorzieningen(count: number): WmoVoorziening[] {
  return Array.from({ length: count }, (_, i) =>
    wmoVoorziening({
      bsn: testBsn(100 + (i % 7)),
      toewijzingNummer: `WMO-${String(i + 1).padStart(6, '0')}`,
      leveringsvorm: i % 3 === 0 ? 'PGB' : 'ZIN',
      einddatum: i % 2 === 0 ? undefined : '2025-12-31',
    }),
  );
}

export function buildMunicipality(parts: { wmo?: WmoVoorziening[]; uitkeringen?: Uitkering[] } = {}): Municipality {
  return {
    gemeenteCode: '0999',
    gemeenteNaam: 'Testgemeente',
    referenceDate: '2025-01-15',
    seed: 1,
    addresses: [],
    inhabitants: [],
    wmo: parts.wmo ?? [],
    jeugd: [],
    uitkeringen: parts.uitkeringen ?? [],
    leerlingen: [],
    inschrijvingen: [],
    verzuimmeldingen: [],
    vrijstellingen: [],
  };
}
