import type { PersoonRecord } from '../domain/records';
import type { Queryable } from '../lib/db';

/**
 * `brp_persoon`: the hub's copy of the BRP, holding only the persons the social domain needs.
 * Every statement on the table is in this file.
 */

/** A person as the copy holds them. */
export interface CopiedPerson {
  record: PersoonRecord;
  syncedAt: string;
  /** Whether the copy holds everyone registered at the person's address too. */
  householdComplete: boolean;
}

/** The columns every read of the copy takes, as its rows come back. */
interface PersonRow {
  record: PersoonRecord;
  synced_at: string;
  huishouden_volledig: boolean;
}

const copied = (r: PersonRow): CopiedPerson => ({ record: r.record, syncedAt: r.synced_at, householdComplete: r.huishouden_volledig });

/** The copy's persons with these BSNs, in one query. */
export async function personsByBsn(db: Queryable, bsns: readonly string[]): Promise<Map<string, CopiedPerson>> {
  const rows = await db.query<PersonRow & { bsn: string }>(
    'SELECT bsn, record, synced_at, huishouden_volledig FROM brp_persoon WHERE bsn = ANY($1::text[])',
    [bsns],
  );
  return new Map(rows.map((r) => [r.bsn, copied(r)]));
}

/**
 * The copy's persons with these BSNs, each with everyone registered at their address where the
 * copy holds that household whole (themselves included, ordered by BSN), in one query: a
 * household dossier's person and members in one round trip. Housemates null: not held whole.
 */
export async function personsWithHousemates(db: Queryable, bsns: readonly string[]): Promise<Map<string, { person: CopiedPerson; housemates: CopiedPerson[] | null }>> {
  const rows = await db.query<PersonRow & { asked: string; bsn: string }>(
    `SELECT x.bsn AS asked, x.bsn, x.record, x.synced_at, x.huishouden_volledig FROM brp_persoon x WHERE x.bsn = ANY($1::text[])
     UNION ALL
     SELECT x.bsn, p.bsn, p.record, p.synced_at, p.huishouden_volledig
       FROM brp_persoon x JOIN brp_persoon p ON p.adresseerbaar_object_id = x.adresseerbaar_object_id AND p.bsn <> x.bsn
      WHERE x.bsn = ANY($1::text[]) AND x.huishouden_volledig
     ORDER BY 1, 2`,
    [bsns],
  );
  const out = new Map<string, { person: CopiedPerson; housemates: CopiedPerson[] | null }>();
  for (const r of rows) if (r.asked === r.bsn) out.set(r.asked, { person: copied(r), housemates: r.huishouden_volledig ? [] : null });
  // The person among their housemates too, in BSN order with them.
  for (const r of rows) {
    const entry = out.get(r.asked)!;
    entry.housemates?.push(r.asked === r.bsn ? entry.person : copied(r));
  }
  return out;
}

/** Everyone the copy has registered at each adresseerbaar object, ordered by BSN, in one query. */
export async function personsAtAddresses(db: Queryable, addressIds: readonly string[]): Promise<Map<string, CopiedPerson[]>> {
  const rows = await db.query<PersonRow & { aoid: string }>(
    'SELECT adresseerbaar_object_id AS aoid, record, synced_at, huishouden_volledig FROM brp_persoon WHERE adresseerbaar_object_id = ANY($1::text[]) ORDER BY bsn',
    [addressIds],
  );
  const byId = new Map<string, CopiedPerson[]>();
  for (const r of rows) byId.set(r.aoid, [...(byId.get(r.aoid) ?? []), copied(r)]);
  return byId;
}

/** How a batch of persons is written. */
export interface PersonsWrite {
  /** The full sync's run mark, for the sweep. */
  run: string | null;
  at: string;
  /**
   * What the persons' state is as of: the BRP retrieval time (read-model/versions.ts). A person
   * whose stored version is newer is left as it is. @defaultValue `at`
   */
  version?: string;
  /** The addresses whose every resident this sync copies (the subjects' households); the others' housemates are not in the copy. */
  completeAddresses: ReadonlySet<string>;
  /** The API's household id of an address (keyed: see lib/opaque.ts). */
  householdId: (adresseerbaarObjectId: string) => string;
}

/** Writes persons as the BRP gave them, never over a newer copy of the same person. */
export async function upsertPersons(db: Queryable, persons: readonly PersoonRecord[], { run, at, version, completeAddresses, householdId }: PersonsWrite): Promise<void> {
  if (persons.length === 0) return;
  const rows = persons.map((p) => {
    const aoid = p.adres?.adresseerbaarObjectId ?? null;
    return { bsn: p.burgerservicenummer, aoid, hid: aoid ? householdId(aoid) : null, geheim: p.geheimhouding, volledig: aoid !== null && completeAddresses.has(aoid), record: p };
  });
  await db.query(
    `INSERT INTO brp_persoon (bsn, adresseerbaar_object_id, huishouden_id, geheimhouding, huishouden_volledig, record, synced_at, sync_run, version)
     SELECT x.bsn, x.aoid, x.hid, x.geheim, x.volledig, x.record, $1, $2, $4
       FROM jsonb_to_recordset($3::jsonb) AS x(bsn text, aoid text, hid text, geheim boolean, volledig boolean, record jsonb)
     ON CONFLICT (bsn) DO UPDATE
       SET adresseerbaar_object_id = EXCLUDED.adresseerbaar_object_id, huishouden_id = EXCLUDED.huishouden_id, geheimhouding = EXCLUDED.geheimhouding,
           huishouden_volledig = EXCLUDED.huishouden_volledig, record = EXCLUDED.record, synced_at = EXCLUDED.synced_at,
           sync_run = COALESCE(EXCLUDED.sync_run, brp_persoon.sync_run), version = EXCLUDED.version
     WHERE brp_persoon.version IS NULL OR brp_persoon.version <= EXCLUDED.version`,
    [at, run, JSON.stringify(rows), version ?? at],
  );
}

/** Removes the persons the full sync `run` did not copy: no longer needed, or gone from the BRP. */
export async function sweepPersons(db: Queryable, run: string, startedAt: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM brp_persoon WHERE sync_run IS DISTINCT FROM $1 AND synced_at < $2 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [run, startedAt],
  );
  return rows[0].n;
}
