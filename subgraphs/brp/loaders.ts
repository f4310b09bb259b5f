import DataLoader from 'dataloader';
import type { PersoonRecord } from '../../domain/records';
import type { OpaqueIds } from '../../lib/opaque';
import type { KnownPerson, PersonDirectory } from '../../read-model';
import { isStale, type Freshness } from '../common/dossier';

export interface PersoonRow extends PersoonRecord {
  syncedAt: string;
  /** Whether the hub's copy holds the person's whole household (else the BRP is asked for it). */
  householdInCopy: boolean;
}

export interface BrpLoaders {
  persoon: DataLoader<string, PersoonRow | null>;
  /** A person whose household is asked for: read with the members where the copy holds them whole, which `bewoners` then has. */
  persoonMetHuishouden: DataLoader<string, PersoonRow | null>;
  /** Everyone registered at an adresseerbaar object, by its identification, and whether the copy holds them all. */
  bewoners: DataLoader<{ adresseerbaarObjectId: string; householdInCopy: boolean }, PersoonRow[], string>;
  /** The API's id of the household at an address: keyed, so not computable from the address. */
  householdId(adresseerbaarObjectId: string): string;
  /** Whether the BRP, last reached for a person at `syncedAt`, is stale now: the hub's clock against the BRP's term. */
  verouderd(syncedAt: string): boolean;
}

const row = (p: KnownPerson): PersoonRow => ({ ...p.record, syncedAt: p.syncedAt, householdInCopy: p.householdInCopy });

/**
 * Persons as the BRP knows them, inside the hub's copy or not (read-model/person-directory.ts).
 * Staleness is judged on `freshness`: the hub's clock (the one the directory stamps a person
 * asked of the BRP with) and the configured term, as in the domain subgraphs.
 */
export function createBrpLoaders(persons: PersonDirectory, ids: OpaqueIds, freshness: Freshness): BrpLoaders {
  const persoon = new DataLoader<string, PersoonRow | null>(async (bsns) => {
    const found = await persons.persons(bsns);
    return bsns.map((b) => {
      const p = found.get(b);
      return p ? row(p) : null;
    });
  });
  // Members found with a household are worth remembering for their own Persoon fields in this request.
  const remembered = (members: PersoonRow[]) => {
    for (const m of members) persoon.prime(m.burgerservicenummer, m);
    return members;
  };
  const bewoners = new DataLoader<{ adresseerbaarObjectId: string; householdInCopy: boolean }, PersoonRow[], string>(
    (keys) => Promise.all(keys.map(async (k) => remembered((await persons.residents(k.adresseerbaarObjectId, k.householdInCopy)).map(row)))),
    { cacheKeyFn: (k) => k.adresseerbaarObjectId },
  );
  const persoonMetHuishouden = new DataLoader<string, PersoonRow | null>(async (bsns) => {
    const known = await persons.withHouseholds(bsns);
    return bsns.map((b) => {
      const p = known.get(b);
      if (!p) return null;
      const found = row(p);
      persoon.prime(b, found);
      const aoid = p.record.adres?.adresseerbaarObjectId;
      if (aoid && p.residents) bewoners.prime({ adresseerbaarObjectId: aoid, householdInCopy: true }, remembered(p.residents.map(row)));
      return found;
    });
  });
  return { persoon, persoonMetHuishouden, bewoners, householdId: (a) => ids.household(a), verouderd: (syncedAt) => isStale(syncedAt, freshness.now(), freshness.staleAfterMs) };
}
