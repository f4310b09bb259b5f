import type { PersoonRecord } from '../domain/records';
import type { Queryable } from '../lib/db';
import type { BrpSource } from '../sync/sources';
import { personsAtAddresses, personsByBsn, personsWithHousemates, type CopiedPerson } from './persons';

/** A person as the BRP knows them: from the hub's copy, or fetched from the BRP for this request only. */
export interface KnownPerson {
  record: PersoonRecord;
  /** When the copy was last confirmed against the BRP, or when the BRP was asked just now. */
  syncedAt: string;
  /** Whether the copy holds everyone registered at the person's address (and so the person). */
  householdInCopy: boolean;
}

/**
 * Everyone the BRP knows, not only the people the copy holds. The copy holds only who the social
 * domain needs (data minimisation), so answering from it alone would tell any caller whether a
 * person is known in the social domain. A person outside the copy is asked of the BRP through its
 * adapter, with the same fields the copy holds, and kept for the request only: never written.
 *
 * Each call reads the copy in one query whatever the answer, so the count of read-model queries
 * does not depend on who is in the copy either.
 */
export class PersonDirectory {
  constructor(
    private readonly db: Queryable,
    /** The BRP adapter; without one (a bench of bare subgraphs) only the copy is known. */
    private readonly brp?: Pick<BrpSource, 'raadpleeg' | 'zoekBsnsOpAdresseerbaarObject'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async persons(bsns: readonly string[]): Promise<Map<string, KnownPerson>> {
    return this.known(bsns, await personsByBsn(this.db, bsns));
  }

  /**
   * Each person as `persons` has them, with their household where the copy holds it whole (else
   * `residents` null: ask `residents`, which goes to the BRP). The copy is read in one query,
   * whatever the answer: the person and the members together.
   */
  async withHouseholds(bsns: readonly string[]): Promise<Map<string, KnownPerson & { residents: KnownPerson[] | null }>> {
    const copied = await personsWithHousemates(this.db, bsns);
    const found = await this.known(bsns, new Map([...copied].map(([bsn, c]) => [bsn, c.person])));
    return new Map([...found].map(([bsn, p]) => [bsn, { ...p, residents: copied.get(bsn)?.housemates?.map(fromCopy) ?? null }]));
  }

  /**
   * Everyone registered at an adresseerbaar object. `completeInCopy`: whether the copy holds the
   * whole household (KnownPerson.householdInCopy of the person it was asked for); otherwise the
   * BRP is asked which BSNs live there, and those are looked up as `persons` does. Either way the
   * copy is read in one query.
   */
  async residents(addressId: string, completeInCopy: boolean): Promise<KnownPerson[]> {
    if (completeInCopy || !this.brp) return ((await personsAtAddresses(this.db, [addressId])).get(addressId) ?? []).map(fromCopy);
    const bsns = await this.brp.zoekBsnsOpAdresseerbaarObject(addressId);
    const found = await this.persons(bsns);
    return [...found.values()].sort((a, b) => a.record.burgerservicenummer.localeCompare(b.record.burgerservicenummer));
  }

  /** `copied` with the persons it lacks asked of the BRP, for this request only. */
  private async known(bsns: readonly string[], copied: Map<string, CopiedPerson>): Promise<Map<string, KnownPerson>> {
    const out = new Map<string, KnownPerson>([...copied].map(([bsn, p]) => [bsn, fromCopy(p)]));
    const missing = bsns.filter((b) => !copied.has(b));
    if (missing.length && this.brp) {
      const at = this.now().toISOString();
      for (const record of await this.brp.raadpleeg(missing)) out.set(record.burgerservicenummer, { record, syncedAt: at, householdInCopy: false });
    }
    return out;
  }
}

const fromCopy = (p: CopiedPerson): KnownPerson => ({ record: p.record, syncedAt: p.syncedAt, householdInCopy: p.householdComplete });
