import type { Queryable } from '../lib/db';
import { AUDIT_COLUMNS, chainHash, GENESIS_HASH, recordFromRow, type AuditRow } from './record';
import { verifyHead, type TrustedKeys } from './signing';

/**
 * Why a record breaks its chain:
 * - `HASH_WIJKT_AF`: its stored hash is not SHA-256(its canonical form ‖ previous hash) — its
 *   content (or its hash) was changed.
 * - `VOORGANGER_ONTBREEKT`: the record before it in the stream is missing (deleted).
 * - `KOP_WIJKT_AF`: a signed head names this record with another hash — the chain was rewritten
 *   consistently from some earlier record up to here.
 * - `RECORD_ONTBREEKT`: a signed head names a record that is gone (the tail was deleted).
 * - `HANDTEKENING_ONGELDIG`: a head's signature does not verify with the trusted key it names.
 * - `SLEUTEL_ONBEKEND`: a head names a key the verifier does not trust.
 */
export type BreukReden = 'HASH_WIJKT_AF' | 'VOORGANGER_ONTBREEKT' | 'KOP_WIJKT_AF' | 'RECORD_ONTBREEKT' | 'HANDTEKENING_ONGELDIG' | 'SLEUTEL_ONBEKEND';

/** One place where a stream's chain is broken. */
export interface AuditBreuk {
  stroom: string;
  volgnummer: number;
  /** The record's id; null when the record itself is missing. */
  id: string | null;
  /** The record's time, or for a missing record the time its head was signed. */
  tijdstip: string | null;
  reden: BreukReden;
}

/** Whether a signed head holds: `GELDIG`, or the reason it does not (as a break would name it). */
export type KopGeldigheid = 'GELDIG' | Extract<BreukReden, 'HANDTEKENING_ONGELDIG' | 'SLEUTEL_ONBEKEND' | 'KOP_WIJKT_AF' | 'RECORD_ONTBREEKT'>;

/** A signed chain head as verification found it. */
export interface AuditKop {
  stroom: string;
  volgnummer: number;
  hash: string;
  /** When it was signed. */
  tijdstip: string;
  sleutelId: string;
  geldigheid: KopGeldigheid;
}

export interface AuditVerification {
  /** True when every chain recomputes and every signed head matches. */
  intact: boolean;
  /** Records recomputed. */
  gecontroleerd: number;
  /** Streams checked. */
  stromen: number;
  /** Signed heads checked. */
  koppen: number;
  /**
   * The newest signed head of each stream that has one, by stream: what an officer exports to
   * keep the log provable outside the database. One per stream, so the list stays as short as
   * the number of writing processes; an earlier head that does not hold makes its stream
   * broken, so `breuken` names that stream (at its first break).
   */
  ondertekendeKoppen: AuditKop[];
  /** The first break of each broken stream, earliest first. */
  breuken: AuditBreuk[];
  /** The earliest of `breuken`; null when intact. */
  eersteBreuk: AuditBreuk | null;
}

export interface VerifyOptions {
  /** Public keys that may have signed heads, by key id. From configuration, never from the database. */
  trustedKeys: TrustedKeys;
  /** Rows read per query; memory stays bounded whatever the log's size. @defaultValue 5000 */
  pageSize?: number;
}

interface HeadRow {
  stroom: string;
  volgnummer: number;
  hash: string;
  tijdstip: string;
  sleutel_id: string;
  handtekening: string;
}

/**
 * Recomputes every stream's chain from its first record and checks every signed head. Per
 * stream it reports the first break; chaining goes on from each record's stored hash, so a
 * single altered record is reported as exactly that record, not as everything after it.
 *
 * What it can tell: an altered, deleted or inserted record; a chain rewritten consistently up to
 * a signed head (named at that head); a deleted tail up to the last signed head. What it
 * cannot: changes after the last signed head by someone who recomputed the hashes, or a whole
 * stream deleted with its heads — for those, keep the signed heads somewhere the database's
 * superusers cannot write as well (an export, a timestamping service).
 */
export async function verifyAuditLog(db: Queryable, options: VerifyOptions): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  const streams = (await db.query<{ stroom: string }>('SELECT stroom FROM audit_record GROUP BY stroom UNION SELECT stroom FROM audit_kop GROUP BY stroom ORDER BY stroom')).map((r) => r.stroom);
  let gecontroleerd = 0;
  let koppen = 0;
  const breuken: AuditBreuk[] = [];
  const ondertekendeKoppen: AuditKop[] = [];

  for (const stroom of streams) {
    const heads = await db.query<HeadRow>('SELECT stroom, volgnummer, hash, tijdstip, sleutel_id, handtekening FROM audit_kop WHERE stroom = $1 ORDER BY volgnummer', [stroom]);
    koppen += heads.length;
    const signedHash = new Map<number, HeadRow>();
    let breuk: AuditBreuk | null = null;
    const note = (b: AuditBreuk) => {
      if (!breuk) breuk = b;
    };
    for (const h of heads) {
      const volgnummer = Number(h.volgnummer);
      const key = options.trustedKeys.get(h.sleutel_id);
      const head = { stroom, volgnummer, hash: h.hash, tijdstip: h.tijdstip, sleutelId: h.sleutel_id };
      if (!key) note({ stroom, volgnummer, id: null, tijdstip: h.tijdstip, reden: 'SLEUTEL_ONBEKEND' });
      else if (!verifyHead(head, h.handtekening, key)) note({ stroom, volgnummer, id: null, tijdstip: h.tijdstip, reden: 'HANDTEKENING_ONGELDIG' });
      // Only heads whose signature holds vouch for a record.
      else signedHash.set(volgnummer, h);
    }
    // A head problem is not a record problem: look for the first broken record on its own, and
    // report whichever of the two comes first in the stream.
    const headBreuk: AuditBreuk | null = breuk;
    breuk = null;
    // The newest head, judged by its signature now and by its record once the chain is read.
    const last = heads.at(-1);
    let lastGeldigheid: KopGeldigheid | undefined;
    if (last) {
      const key = options.trustedKeys.get(last.sleutel_id);
      if (!key) lastGeldigheid = 'SLEUTEL_ONBEKEND';
      else if (!signedHash.has(Number(last.volgnummer))) lastGeldigheid = 'HANDTEKENING_ONGELDIG';
    }

    let previous = { volgnummer: 0, hash: GENESIS_HASH };
    for (;;) {
      const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_record WHERE stroom = $1 AND volgnummer > $2 ORDER BY volgnummer LIMIT $3`, [stroom, previous.volgnummer, pageSize]);
      for (const row of rows) {
        const record = recordFromRow(row);
        gecontroleerd += 1;
        const at = { stroom, volgnummer: record.volgnummer, id: record.id, tijdstip: record.tijdstip };
        if (record.volgnummer !== previous.volgnummer + 1) note({ ...at, reden: 'VOORGANGER_ONTBREEKT' });
        else if (chainHash(record, previous.hash) !== record.hash) note({ ...at, reden: 'HASH_WIJKT_AF' });
        const head = signedHash.get(record.volgnummer);
        if (head && head.hash !== record.hash) note({ ...at, reden: 'KOP_WIJKT_AF' });
        if (head && head === last) lastGeldigheid ??= head.hash === record.hash ? 'GELDIG' : 'KOP_WIJKT_AF';
        signedHash.delete(record.volgnummer);
        previous = { volgnummer: record.volgnummer, hash: record.hash };
      }
      if (rows.length < pageSize) break;
    }
    // Signed heads left over name records that are not there.
    for (const [volgnummer, h] of signedHash) note({ stroom, volgnummer, id: null, tijdstip: h.tijdstip, reden: 'RECORD_ONTBREEKT' });
    if (last) {
      ondertekendeKoppen.push({
        stroom,
        volgnummer: Number(last.volgnummer),
        hash: last.hash,
        tijdstip: new Date(last.tijdstip).toISOString(),
        sleutelId: last.sleutel_id,
        geldigheid: lastGeldigheid ?? 'RECORD_ONTBREEKT',
      });
    }

    const first = [headBreuk, breuk as AuditBreuk | null].filter((b): b is AuditBreuk => b !== null).sort((a, b) => a.volgnummer - b.volgnummer)[0];
    if (first) breuken.push(first);
  }

  breuken.sort((a, b) => (a.tijdstip ?? '').localeCompare(b.tijdstip ?? '') || a.stroom.localeCompare(b.stroom) || a.volgnummer - b.volgnummer);
  return { intact: breuken.length === 0, gecontroleerd, stromen: streams.length, koppen, ondertekendeKoppen, breuken, eersteBreuk: breuken[0] ?? null };
}
