import { RECORD_TYPES, type RecordOf, type RecordType, type SourceSystem } from '../domain/record-types';
import type { PersoonRecord } from '../domain/records';
import type { Queryable } from '../lib/db';
import { archiefactiedatum, type KnownBirth } from './archiefactiedatum';
import { loadRetentionTerms, type RetentionTerm } from './selectielijst';

export type DestructionReason = 'BEWAARTERMIJN_VERSTREKEN' | 'VERZOEK_BETROKKENE';

/** The domains whose files the person concerned may have destroyed on request. */
const REQUESTABLE: Partial<Record<RecordType, 'WMO' | 'JEUGD'>> = { WMO_VOORZIENING: 'WMO', JEUGDHULP: 'JEUGD' };
const REQUEST_RULE = 'Verzoek van de betrokkene (Wmo 2015 art. 2.3.5 lid 6 / Jeugdwet art. 7.3.9): vernietigen binnen drie maanden';

interface Held {
  recordType: RecordType;
  reden: DestructionReason;
  archiefactiedatum: string | null;
}

/**
 * The Archiefwet in the hub: which records may be copied and kept, and the destruction of those
 * that may not. The same decision serves sync (never import) and the daily job (destroy), so the
 * two cannot disagree.
 */
export class RetentionEngine {
  readonly terms: Map<RecordType, RetentionTerm>;

  constructor(terms = loadRetentionTerms()) {
    this.terms = terms;
  }

  /**
   * Splits a batch from a back office into what the hub may hold and what it must not: past
   * its term, or covered by an executed destruction request. Birth dates (for leerplicht) and
   * requests are read in one query each.
   */
  async filterForImport<T extends RecordType>(db: Queryable, type: T, records: readonly RecordOf[T][], today: string): Promise<{ keep: RecordOf[T][]; held: Held[] }> {
    if (records.length === 0) return { keep: [], held: [] };
    const term = this.terms.get(type)!;
    const bsns = [...new Set(records.map((r) => (r as { burgerservicenummer: string }).burgerservicenummer))];
    const births = term.start === 'GEBOORTEDATUM' ? await birthsOf(db, bsns) : new Map<string, KnownBirth>();
    const requested = REQUESTABLE[type] ? await executedRequests(db, bsns, REQUESTABLE[type]!) : new Map<string, string>();
    const keep: RecordOf[T][] = [];
    const held: Held[] = [];
    for (const record of records) {
      const bsn = (record as { burgerservicenummer: string }).burgerservicenummer;
      const date = archiefactiedatum<T>(term, record, births.get(bsn));
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
   * and everything under a destruction request, and writes what it destroyed (type, category,
   * rule, reason, count — not the content) in the same transaction as the deletion.
   */
  async destroy(db: { transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> }, today: string, at: string): Promise<Record<DestructionReason, number>> {
    return db.transaction(async (tx) => {
      const done: Record<DestructionReason, number> = { BEWAARTERMIJN_VERSTREKEN: 0, VERZOEK_BETROKKENE: 0 };
      const log = async (type: RecordType, reden: DestructionReason, ids: string[]) => {
        if (!ids.length) return;
        await tx.query('DELETE FROM dossier_record WHERE record_type = $1 AND id = ANY($2::text[])', [type, ids]);
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
      const requests = await tx.query<{ id: string }>('SELECT id FROM vernietigingsverzoek WHERE uitgevoerd_op IS NULL FOR UPDATE');
      for (const [type, domein] of Object.entries(REQUESTABLE) as Array<[RecordType, 'WMO' | 'JEUGD']>) {
        // What existed when the request came in; help granted afterwards is a new file.
        const rows = await tx.query<{ id: string }>(
          `SELECT DISTINCT d.id FROM dossier_record d
             JOIN vernietigingsverzoek v ON v.betrokkene = d.bsn AND v.domein = $2 AND v.uitgevoerd_op IS NULL
            WHERE d.record_type = $1 AND (d.record->>'ingangsdatum' IS NULL OR d.record->>'ingangsdatum' <= v.ontvangen_op::date::text)`,
          [type, domein],
        );
        await log(type, 'VERZOEK_BETROKKENE', rows.map((r) => r.id));
      }
      if (requests.length) await tx.query('UPDATE vernietigingsverzoek SET uitgevoerd_op = $1 WHERE id = ANY($2::uuid[])', [at, requests.map((r) => r.id)]);

      for (const [type, term] of this.terms) {
        const rows = await tx.query<{ id: string; record: RecordOf[RecordType]; persoon: PersoonRecord | null }>(
          `SELECT d.id, d.record, ${term.start === 'GEBOORTEDATUM' ? 'p.record' : 'NULL'} AS persoon
             FROM dossier_record d ${term.start === 'GEBOORTEDATUM' ? 'LEFT JOIN brp_persoon p ON p.bsn = d.bsn' : ''}
            WHERE d.record_type = $1`,
          [type],
        );
        const expired = rows.filter((r) => {
          const date = archiefactiedatum(term, r.record, r.persoon ? { geboortedatum: r.persoon.geboortedatum, onvolledig: r.persoon.geboortedatumOnvolledig } : null);
          return date !== null && date <= today;
        });
        await log(type, 'BEWAARTERMIJN_VERSTREKEN', expired.map((r) => r.id));
      }
      return done;
    });
  }
}

async function birthsOf(db: Queryable, bsns: readonly string[]): Promise<Map<string, KnownBirth>> {
  const rows = await db.query<{ bsn: string; record: PersoonRecord }>('SELECT bsn, record FROM brp_persoon WHERE bsn = ANY($1::text[])', [bsns]);
  return new Map(rows.map((r) => [r.bsn, { geboortedatum: r.record.geboortedatum, onvolledig: r.record.geboortedatumOnvolledig }]));
}

/** Per person, the date of their latest executed destruction request in the domain. */
async function executedRequests(db: Queryable, bsns: readonly string[], domein: 'WMO' | 'JEUGD'): Promise<Map<string, string>> {
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
