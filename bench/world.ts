import { generateMunicipality, SHOWCASE_BSNS } from '../municipality';
import type { Municipality } from '../municipality/types';

/** Household sizes S3 needs that the synthetic municipality does not have on its own. */
const BUILT_HOUSEHOLD_SIZES = [12, 50] as const;

interface BenchWorld {
  municipality: Municipality;
  /** Per built size, the BSNs now registered at one new address. */
  built: Record<number, string[]>;
}

/**
 * The synthetic municipality, plus two large households for S3 (a group home of 12, an
 * institution of 50): persons with dossier records, each taken from a different household, are
 * re-registered at a new address before the stand-ins are seeded — so the BRP stand-in serves
 * them there and the hub's own sync puts them in one household, like any other.
 */
export function benchWorld(inhabitants: number): BenchWorld {
  const municipality = generateMunicipality({ inhabitants });
  const showcase = new Set<string>(SHOWCASE_BSNS);
  const subjects = new Set<string>();
  for (const r of [...municipality.wmo, ...municipality.jeugd, ...municipality.uitkeringen, ...municipality.leerlingen]) subjects.add(r.bsn);
  const usedAddresses = new Set<string>();
  const taken = new Set<string>();
  const built: Record<number, string[]> = {};
  const template = municipality.addresses[municipality.addresses.length - 1];
  const byBsn = new Map(municipality.inhabitants.map((i) => [i.bsn, i]));
  const candidates = [...subjects].filter((b) => !showcase.has(b) && byBsn.has(b)).sort();
  for (const size of BUILT_HOUSEHOLD_SIZES) {
    const id = `99992${String(size).padStart(11, '0')}`;
    municipality.addresses.push({
      adresseerbaarObjectId: id,
      nummeraanduidingId: `99993${String(size).padStart(11, '0')}`,
      straat: template.straat,
      huisnummer: 9000 + size,
      postcode: template.postcode,
      woonplaats: template.woonplaats,
    });
    const members: string[] = [];
    for (const bsn of candidates) {
      if (members.length === size) break;
      const person = byBsn.get(bsn)!;
      if (taken.has(bsn) || usedAddresses.has(person.adresseerbaarObjectId)) continue;
      usedAddresses.add(person.adresseerbaarObjectId);
      taken.add(bsn);
      person.adresseerbaarObjectId = id;
      members.push(bsn);
    }
    if (members.length < size) throw new Error(`a municipality of ${inhabitants} has too few dossier subjects for a household of ${size}`);
    built[size] = members;
  }
  return { municipality, built };
}
