/**
 * A tiny hand-built municipality for the Jeugd tests: a few inhabitants (names chosen to need
 * XML escaping) and as many youth-care toewijzingen as a test asks for. Test support only.
 */
import { bsnCheckDigit } from '../../../lib/bsn';
import type { Inhabitant, JeugdToewijzing, Municipality } from '../../../municipality/types';

/** The n-th (0-based) elfproef-valid test BSN in the 999 range; deterministic. */
function testBsn(n: number): string {
  let found = -1;
  for (let k = 0; ; k++) {
    const prefix = `99997${String(k).padStart(3, '0')}`;
    const digit = bsnCheckDigit(prefix);
    if (digit !== null && ++found === n) return `${prefix}${digit}`;
  }
}

const ADDRESS_ID = '0599010000000001';

function inhabitant(n: number, voornamen: string, geslachtsnaam: string, extra: Partial<Inhabitant> = {}): Inhabitant {
  return {
    bsn: testBsn(n),
    voornamen,
    geslachtsnaam,
    geslacht: 'V',
    geboortedatum: { year: 2012, month: 3, day: 14 },
    adresseerbaarObjectId: ADDRESS_ID,
    geheimhouding: false,
    ouders: [],
    ...extra,
  };
}

/** Toewijzing number `n` for inhabitant `n % 3`; categories cycle through 45, 54, 43. */
export function jeugdToewijzing(n: number, overrides: Partial<JeugdToewijzing> = {}): JeugdToewijzing {
  const categories = ['45', '54', '43'];
  const categorie = categories[n % categories.length];
  return {
    bsn: testBsn(n % 3),
    toewijzingNummer: `JT${String(n).padStart(6, '0')}`,
    productCategorie: categorie,
    productCode: `${categorie}A0${n % 10}`,
    omschrijving: `Jeugdhulp ${categorie} & begeleiding <${n}>`,
    verwijzer: n % 2 === 0 ? '02' : '04',
    ingangsdatum: `2024-${String((n % 12) + 1).padStart(2, '0')}-01`,
    einddatum: n % 4 === 0 ? undefined : '2025-12-31',
    omvang: n % 5 === 0 ? undefined : { volume: (n % 7) + 1, eenheid: '04', frequentie: '2' },
    ...overrides,
  };
}

/**
 * A municipality with `count` toewijzingen; the first `started` have a JW305 (startZorg two weeks
 * after ingangsdatum) and the first `stopped` of those also a JW307 (stopZorg in 2025).
 */
export function buildMunicipality(options: { count: number; started?: number; stopped?: number }): Municipality {
  const started = options.started ?? 0;
  const stopped = options.stopped ?? 0;
  const jeugd = Array.from({ length: options.count }, (_, n) => {
    const t = jeugdToewijzing(n);
    return {
      ...t,
      startZorg: n < started ? t.ingangsdatum.replace(/-01$/, '-15') : undefined,
      stopZorg: n < Math.min(stopped, started) ? `2025-0${(n % 9) + 1}-20` : undefined,
    };
  });
  return {
    gemeenteCode: '0599',
    gemeenteNaam: 'Testgemeente',
    referenceDate: '2025-06-01',
    seed: 1,
    addresses: [
      {
        adresseerbaarObjectId: ADDRESS_ID,
        nummeraanduidingId: '0599200000000001',
        straat: 'Lange Haven',
        huisnummer: 12,
        huisletter: 'a',
        postcode: '3111CD',
        woonplaats: 'Schiedam',
      },
    ],
    inhabitants: [
      inhabitant(0, 'Zoë Anna', "Hof", { voorvoegsel: "van 't" }),
      inhabitant(1, 'Daan', 'Bakker & Zn <test>', { geslacht: 'M', geboortedatum: { year: 2010, month: 7 } }),
      inhabitant(2, 'Sem', 'Jansen', { geslacht: 'M', geboortedatum: {} }),
    ],
    wmo: [],
    jeugd,
    uitkeringen: [],
    leerlingen: [],
    inschrijvingen: [],
    verzuimmeldingen: [],
    vrijstellingen: [],
  };
}
