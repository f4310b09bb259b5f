import { randomUUID } from 'node:crypto';
import type { RecordType } from '../domain/record-types';
import type { Queryable } from '../lib/db';

/**
 * The retention tables' API: destruction requests of the persons concerned, the destruction
 * records the job writes, and what back offices still hold past their term. Every statement on
 * vernietiging, vernietigingsverzoek and bewaartermijn_achterstand outside the job itself is here.
 */

export type DestructionReason = 'BEWAARTERMIJN_VERSTREKEN' | 'VERZOEK_BETROKKENE';

/** The domains whose files the person concerned may have destroyed on request, by record type. */
export const REQUESTABLE: Partial<Record<RecordType, 'WMO' | 'JEUGD'>> = { WMO_VOORZIENING: 'WMO', JEUGDHULP: 'JEUGD' };
const REQUESTABLE_DOMAINS = ['WMO', 'JEUGD'] as const;
type RequestableDomain = (typeof REQUESTABLE_DOMAINS)[number];
/** Wmo 2015 art. 2.3.5 lid 6 and Jeugdwet art. 7.3.9: carried out within three months of receipt. */
const REQUEST_TERM_MONTHS = 3;
export const REQUEST_RULE = 'Verzoek van de betrokkene (Wmo 2015 art. 2.3.5 lid 6 / Jeugdwet art. 7.3.9): vernietigen binnen drie maanden';

export function isRequestableDomain(value: string): value is RequestableDomain {
  return (REQUESTABLE_DOMAINS as readonly string[]).includes(value);
}

export interface DestructionRequest {
  id: string;
  domein: RequestableDomain;
  ontvangenOp: string;
  /** The last day the request may be carried out on. */
  uiterlijk: string;
  uitgevoerdOp: string | null;
}

/** Registers a person's request to destroy their file in `domein`; the daily job carries it out. */
export async function registerDestructionRequest(db: Queryable, input: { betrokkene: string; domein: RequestableDomain; door: string }, now: Date): Promise<DestructionRequest> {
  const uiterlijk = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + REQUEST_TERM_MONTHS, now.getUTCDate())).toISOString().slice(0, 10);
  const [row] = await db.query<DestructionRequest>(
    `INSERT INTO vernietigingsverzoek (id, betrokkene, domein, ontvangen_op, uiterlijk, geregistreerd_door) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, domein, ontvangen_op AS "ontvangenOp", uiterlijk, uitgevoerd_op AS "uitgevoerdOp"`,
    [randomUUID(), input.betrokkene, input.domein, now.toISOString(), uiterlijk, input.door],
  );
  return row;
}

export async function openRequestCount(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vernietigingsverzoek WHERE uitgevoerd_op IS NULL'))[0].n;
}

/** A destruction record: what was destroyed, under which rule and why — never whose. */
export interface DestructionRecord {
  id: string;
  tijdstip: string;
  recordType: string;
  categorie: string;
  bron: string;
  regel: string;
  reden: string;
  aantal: number;
}

/**
 * Destruction records newest first, optionally within [van, tot) and after a position
 * (tijdstip, id) of an earlier page. Arguments arrive checked: ISO instants and a numeric id.
 */
export async function destructionRecords(db: Queryable, query: { van?: string | null; tot?: string | null; after?: [string, string] | null; limit: number }): Promise<DestructionRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.van) where.push(`tijdstip >= $${params.push(query.van)}::timestamptz`);
  if (query.tot) where.push(`tijdstip < $${params.push(query.tot)}::timestamptz`);
  if (query.after) {
    params.push(query.after[0], query.after[1]);
    where.push(`(tijdstip, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(query.limit);
  const rows = await db.query<{ id: number | string; tijdstip: string; record_type: string; categorie: string; bron: string; regel: string; reden: string; aantal: number }>(
    `SELECT id, tijdstip, record_type, categorie, bron, regel, reden, aantal FROM vernietiging
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY tijdstip DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({ id: String(r.id), tijdstip: r.tijdstip, recordType: r.record_type, categorie: r.categorie, bron: r.bron, regel: r.regel, reden: r.reden, aantal: Number(r.aantal) }));
}

/** What back offices held past their term at their last full sync, per source and category. */
export async function retentionBacklog(db: Queryable): Promise<Array<{ bron: string; recordType: string; categorie: string; reden: string; aantal: number; oudsteArchiefactiedatum: string | null; waargenomenOp: string }>> {
  return db.query(
    `SELECT bron, record_type AS "recordType", categorie, reden, aantal, oudste_archiefactiedatum AS "oudsteArchiefactiedatum", waargenomen_op AS "waargenomenOp"
       FROM bewaartermijn_achterstand ORDER BY bron, categorie, record_type, reden`,
  );
}
