/**
 * A tiny hand-built municipality for the LAS tests: three pupils, their enrolments, verzuim
 * reports and one vrijstelling, with school names that need CSV quoting. Test support only.
 * BSNs are showcase test numbers (elfproef-valid, 999 range).
 */
import type { Municipality } from '../../../municipality/types';

const BSN_17 = '999990032';
export const BSN_12 = '999990044';
export const BSN_5 = '999990093';

export function buildMunicipality(): Municipality {
  return {
    gemeenteCode: '0599',
    gemeenteNaam: 'Testgemeente',
    referenceDate: '2025-06-01',
    seed: 1,
    addresses: [],
    inhabitants: [],
    wmo: [],
    jeugd: [],
    uitkeringen: [],
    leerlingen: [
      { bsn: BSN_17, kwalificatieplichtig: true },
      { bsn: BSN_12, kwalificatieplichtig: false },
      { bsn: BSN_5, kwalificatieplichtig: false },
    ],
    inschrijvingen: [
      { bsn: BSN_17, brin: '21XY', schoolNaam: 'Scholengemeenschap "Het Baken"; locatie Zuid', onderwijssoort: 'VMBO', ingangsdatum: '2020-08-17', einddatum: '2024-07-12' },
      { bsn: BSN_17, brin: '22AB01', schoolNaam: 'ROC Zeeland\nafdeling Zorg', onderwijssoort: 'MBO', ingangsdatum: '2024-09-02' },
      { bsn: BSN_12, brin: '19ZZ', schoolNaam: 'De Séparé, school voor SO', onderwijssoort: 'SO', ingangsdatum: '2019-08-19' },
      { bsn: BSN_5, brin: '07QR', schoolNaam: 'Basisschool De Regenboog', onderwijssoort: 'BAO', ingangsdatum: '2024-09-02' },
    ],
    verzuimmeldingen: [
      { bsn: BSN_12, meldingId: 'VM-2025-0042', datum: '2025-02-03', soort: 'ONGEOORLOOFD', brin: '19ZZ', schoolNaam: 'De Séparé, school voor SO', afhandeling: 'GESPREK' },
    ],
    vrijstellingen: [{ bsn: BSN_17, vrijstellingId: 'VR-0007', artikel: '5a', ingangsdatum: '2023-01-01', einddatum: '2023-06-30' }],
  };
}
