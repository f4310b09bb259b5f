import DataLoader from 'dataloader';
import type { PersoonRecord } from '../../domain/records';
import type { OpaqueIds } from '../../lib/opaque';
import type { KnownPerson, PersonDirectory } from '../../read-model';

export interface PersoonRow extends PersoonRecord {
  syncedAt: string;
  /** Whether the hub's copy holds the person's whole household (else the BRP is asked for it). */
  householdInCopy: boolean;
}

export interface BrpLoaders {
  persoon: DataLoader<string, PersoonRow | null>;
  /** Everyone registered at an adresseerbaar object, by its identification, and whether the copy holds them all. */
  bewoners: DataLoader<{ adresseerbaarObjectId: string; householdInCopy: boolean }, PersoonRow[], string>;
  /** The API's id of the household at an address: keyed, so not computable from the address. */
  householdId(adresseerbaarObjectId: string): string;
}

const row = (p: KnownPerson): PersoonRow => ({ ...p.record, syncedAt: p.syncedAt, householdInCopy: p.householdInCopy });

/** Persons as the BRP knows them, inside the hub's copy or not (read-model/person-directory.ts). */
export function createBrpLoaders(persons: PersonDirectory, ids: OpaqueIds): BrpLoaders {
  const persoon = new DataLoader<string, PersoonRow | null>(async (bsns) => {
    const found = await persons.persons(bsns);
    return bsns.map((b) => {
      const p = found.get(b);
      return p ? row(p) : null;
    });
  });
  const bewoners = new DataLoader<{ adresseerbaarObjectId: string; householdInCopy: boolean }, PersoonRow[], string>(
    (keys) =>
      Promise.all(
        keys.map(async (k) => {
          const members = (await persons.residents(k.adresseerbaarObjectId, k.householdInCopy)).map(row);
          // Members found here are worth remembering for their own Persoon fields in this request.
          for (const m of members) persoon.prime(m.burgerservicenummer, m);
          return members;
        }),
      ),
    { cacheKeyFn: (k) => k.adresseerbaarObjectId },
  );
  return { persoon, bewoners, householdId: (a) => ids.household(a) };
}
