import { RECORD_TYPES, type RecordOf, type RecordType, type SourceSystem } from '../domain/record-types';
import type { Queryable } from '../lib/db';
import { birthOf, deleteDossierRecords, personsByBsn, recordsOfType, type KnownBirth } from '../read-model';
import { archiefactiedatum } from './archiefactiedatum';
import { REQUESTABLE, REQUEST_RULE, type DestructionReason } from './requests';
import { loadRetentionTerms, type RetentionTerm } from './selectielijst';

interface Held {
  recordType: RecordType;
  reden: DestructionReason;
  archiefactiedatum: string | null;
}

/**
 * The Archiefwet in the hub: whether a record is still within its term, what sync may copy, and
 * the destruction of what may not be kept. One rule (`isExpired`) serves the read path (a record
 * past its term is served to nobody from that day), sync (never imported) and the daily job
 * (destroyed), so the three cannot disagree.
 */
export class RetentionEngine {
  readonly terms: Map<RecordType, RetentionTerm>;

  constructor(terms = loadRetentionTerms()) {
    this.terms = terms;
  }

  /** The record's archiefactiedatum, or null while its term has not started or cannot be established. */
  expiresOn(type: RecordType, record: unknown, birth: KnownBirth | null): string | null {
    return archiefactiedatum(this.terms.get(type)!, record as RecordOf[RecordType], birth);
  }

  /** Whether the record may no longer be kept on `today`: from its archiefactiedatum on. */
  isExpired(type: RecordType, record: unknown, birth: KnownBirth | null, today: string): boolean {
    const date = this.expiresOn(type, record, birth);
    return date !== null && date <= today;
  }

  /**
   * Splits a batch from a back office into what the hub may hold and what it must not: past
   * its term, or covered by an executed destruction request. Birth dates (for leerplicht) and
   * requests are read in one query each.
   */
  async filterForImport<T extends RecordType>(db: Queryable, type: T, records: readonly RecordOf[T][], today: string): Promise<{ keep: RecordOf[T][]; held: Held[] }> {
    if (records.length === 0) return { keep: [], held: [] };
    const bsns = [...new Set(records.map((r) => (r as { burgerservicenummer: string }).burgerservicenummer))];
    const persons = this.terms.get(type)!.start === 'GEBOORTEDATUM' ? await personsByBsn(db, bsns) : new Map();
    const domein = REQUESTABLE[type];
    const requested = domein ? await executedRequests(db, bsns, domein) : new Map<string, string>();
    const keep: RecordOf[T][] = [];
    const held: Held[] = [];
    for (const record of records) {
      const bsn = (record as { burgerservicenummer: string }).burgerservicenummer;
      const date = this.expiresOn(type, record, birthOf(persons.get(bsn)?.record));
      if (date !== null && date <= today) held.push({ recordType: type, reden: 'BEWAARTERMIJN_VERSTREKEN', archiefactiedatum: date });
      else if (coveredByRequest(record, requested.get(bsn))) held.push({ recordType: type, reden: 'VERZOEK_BETROKKENE', archiefactiedatum: date });
      else keep.push(record);
    }
    return { keep, held };
  }

  /**
   * Replaces what a full sync of `source` saw the back office hold past its term. Only counts,
   * categories and the oldest archiefactiedatum are kept: the report must not become a copy.
   */
  async recordBacklog(db: Queryable, source: SourceSystem, types: readonly RecordType[], held: readonly Held[], at: string): Promise<void> {
    await db.query('DELETE FROM bewaartermijn_achterstand WHERE bron = $1 AND record_type = ANY($2::text[])', [source, types]);
    const groups = new Map<string, { recordType: RecordType; reden: DestructionReason; aantal: number; oudste: string | null }>();
    for (const h of held) {
      const key = `${h.recordType}|${h.reden}`;
      const g = groups.get(key) ?? { recordType: h.recordType, reden: h.reden, aantal: 0, oudste: null };
      g.aantal++;
      if (h.archiefactiedatum && (!g.oudste || h.archiefactiedatum < g.oudste)) g.oudste = h.archiefactiedatum;
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      await db.query(
        `INSERT INTO bewaartermijn_achterstand (bron, record_type, categorie, reden, aantal, oudste_archiefactiedatum, waargenomen_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [source, g.recordType, this.terms.get(g.recordType)!.categorie, g.reden, g.aantal, g.oudste, at],
      );
    }
  }

  /**
   * The destruction job: removes from the read models every record past its archiefactiedatum
   * (which the read path already no longer serves) and everything under a destruction request,
   * and writes what it destroyed (type, category, rule, reason, count — not the content) in the
   * same transaction as the deletion.
   */
  async destroy(db: { transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> }, today: string, at: string): Promise<Record<DestructionReason, number>> {
    return db.transaction(async (tx) => {
      const done: Record<DestructionReason, number> = { BEWAARTERMIJN_VERSTREKEN: 0, VERZOEK_BETROKKENE: 0 };
      const log = async (type: RecordType, reden: DestructionReason, ids: string[]) => {
        if (!ids.length) return;
        await deleteDossierRecords(tx, type, ids);
        const term = this.terms.get(type)!;
        await tx.query('INSERT INTO vernietiging (tijdstip, record_type, categorie, bron, regel, reden, aantal) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          at,
          type,
          term.categorie,
          RECORD_TYPES[type].source,
          reden === 'VERZOEK_BETROKKENE' ? REQUEST_RULE : term.regel,
          reden,
          ids.length,
        ]);
        done[reden] += ids.length;
      };

      // Requests first: they may cover records whose term has not run out.
      const requests = await tx.query<{ id: string; betrokkene: string; domein: string; op: string }>(
        'SELECT id, betrokkene, domein, ontvangen_op::date::text AS op FROM vernietigingsverzoek WHERE uitgevoerd_op IS NULL FOR UPDATE',
      );
      for (const [type, domein] of Object.entries(REQUESTABLE) as Array<[RecordType, string]>) {
        const latest = new Map<string, string>();
        for (const r of requests) if (r.domein === domein && (latest.get(r.betrokkene) ?? '') < r.op) latest.set(r.betrokkene, r.op);
        if (!latest.size) continue;
        const rows = await recordsOfType(tx, type, { bsns: [...latest.keys()] });
        await log(type, 'VERZOEK_BETROKKENE', rows.filter((r) => coveredByRequest(r.record, latest.get(r.bsn))).map((r) => r.id));
      }
      if (requests.length) await tx.query('UPDATE vernietigingsverzoek SET uitgevoerd_op = $1 WHERE id = ANY($2::uuid[])', [at, requests.map((r) => r.id)]);

      for (const [type, term] of this.terms) {
        const rows = await recordsOfType(tx, type, { withBirth: term.start === 'GEBOORTEDATUM' });
        await log(type, 'BEWAARTERMIJN_VERSTREKEN', rows.filter((r) => this.isExpired(type, r.record, r.birth, today)).map((r) => r.id));
      }
      return done;
    });
  }
}

/** Per person, the date of their latest executed destruction request in the domain. */
async function executedRequests(db: Queryable, bsns: readonly string[], domein: string): Promise<Map<string, string>> {
  const rows = await db.query<{ betrokkene: string; op: string }>(
    `SELECT betrokkene, max(ontvangen_op)::date::text AS op FROM vernietigingsverzoek
      WHERE domein = $1 AND uitgevoerd_op IS NOT NULL AND betrokkene = ANY($2::text[]) GROUP BY betrokkene`,
    [domein, bsns],
  );
  return new Map(rows.map((r) => [r.betrokkene, r.op]));
}

/** A request covers what existed when it was made; help granted afterwards is a new file. */
function coveredByRequest(record: unknown, requestedOn: string | undefined): boolean {
  if (!requestedOn) return false;
  const start = (record as { ingangsdatum?: string | null }).ingangsdatum ?? null;
  return start === null || start <= requestedOn;
}
