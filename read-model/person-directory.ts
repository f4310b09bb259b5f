import type { PersoonRecord } from '../domain/records';
import type { Queryable } from '../lib/db';
import type { BrpSource } from '../sync/sources';
import { personsAtAddresses, personsByBsn } from './persons';

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
    const copied = await personsByBsn(this.db, bsns);
    const out = new Map<string, KnownPerson>([...copied].map(([bsn, p]) => [bsn, { record: p.record, syncedAt: p.syncedAt, householdInCopy: p.householdComplete }]));
    const missing = bsns.filter((b) => !copied.has(b));
    if (missing.length && this.brp) {
      const at = this.now().toISOString();
      for (const record of await this.brp.raadpleeg(missing)) out.set(record.burgerservicenummer, { record, syncedAt: at, householdInCopy: false });
    }
    return out;
  }

  /**
   * Everyone registered at an adresseerbaar object. `completeInCopy`: whether the copy holds the
   * whole household (KnownPerson.householdInCopy of the person it was asked for); otherwise the
   * BRP is asked. The copy is read either way, for the same count of queries.
   */
  async residents(addressId: string, completeInCopy: boolean): Promise<KnownPerson[]> {
    const copied = (await personsAtAddresses(this.db, [addressId])).get(addressId) ?? [];
    if (completeInCopy || !this.brp) return copied.map((p) => ({ record: p.record, syncedAt: p.syncedAt, householdInCopy: p.householdComplete }));
    const bsns = await this.brp.zoekBsnsOpAdresseerbaarObject(addressId);
    const found = await this.persons(bsns);
    return [...found.values()].sort((a, b) => a.record.burgerservicenummer.localeCompare(b.record.burgerservicenummer));
  }
}
