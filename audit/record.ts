import { createHash } from 'node:crypto';

/** A record about one data subject's data processed by one part (`VERWERKING`), or about one request at the gateway (`VERZOEK`). */
export type AuditSoort = 'VERWERKING' | 'VERZOEK';

/**
 * Outcome of the processing. For a subject: `VERSTREKT` (everything asked was disclosed),
 * `GEDEELTELIJK` (some fields withheld), `GEWEIGERD` (nothing disclosed). For a request: by HTTP
 * status, `VOLTOOID` (< 400), `GEWEIGERD` (401, 403), `ONGELDIG` (other 4xx), `MISLUKT` (5xx).
 */
export type AuditStatus = 'VERSTREKT' | 'GEDEELTELIJK' | 'GEWEIGERD' | 'VOLTOOID' | 'ONGELDIG' | 'MISLUKT';

export interface AuditActor {
  sub: string;
  /** The organisation acted for; the municipality's own staff as `gemeente` (policy/decider.ts OWN_ORGANISATION). */
  organisatie: string;
  /** Sorted, so that the canonical form does not depend on the order a token listed them in. */
  rollen: string[];
}

export interface AuditWeigering {
  /** Field coordinate, e.g. `Persoon.jeugd`. */
  veld: string;
  /** The code the client got: FORBIDDEN, CONSENT_REQUIRED, … */
  code: string;
}

/** What a writer hands the store: everything but the chain position and hash, which the store assigns. */
export interface AuditEntry {
  id: string;
  /** ISO 8601 UTC with milliseconds: that is what timestamptz gives back unchanged. */
  tijdstip: string;
  soort: AuditSoort;
  /** The part that processed: a subgraph's name, or `gateway`. */
  bron: string;
  traceId: string;
  spanId: string;
  /** Id of the processing activity in the register (audit/verwerkingsactiviteiten.yaml). */
  verwerkingsactiviteit: string;
  betrokkene: { id: string; type: 'BSN' } | null;
  actor: AuditActor;
  doel: string;
  operatie: string | null;
  documentHash: string | null;
  /** Field coordinates disclosed, deduplicated and sorted. */
  verstrekt: string[];
  /** Fields withheld with their code, deduplicated and sorted by field then code. */
  geweigerd: AuditWeigering[];
  status: AuditStatus;
  /** For `VERZOEK` records: the HTTP status the client got; null otherwise. */
  httpStatus: number | null;
}

/** A stored record: its entry, its place in its log stream, and its chain hash. */
export interface AuditRecord extends AuditEntry {
  /** Log stream: `<bron>:<instance id>`, one per writing process, so replicas never share a chain head. */
  stroom: string;
  /** 1, 2, 3, … without gaps within the stream. */
  volgnummer: number;
  /** Hex SHA-256 over the canonical record and the previous record's hash. */
  hash: string;
}

/** The previous hash of a stream's first record: 32 zero bytes. */
export const GENESIS_HASH = '0'.repeat(64);

type Unhashed = Omit<AuditRecord, 'hash'>;

// The canonical form of the fields a record is hashed over, written field by field: this runs
// for every record of every request, where the general `canonicalJson` (sorting keys, walking
// values) costs several times more. It yields exactly what `canonicalJson` yields for the same
// record (record.test.ts compares the two), and refuses the same values.
const json = JSON.stringify;
function str(v: unknown): string {
  if (typeof v !== 'string') throw new TypeError('canonical record: a text field is not text');
  return json(v);
}
const strOrNull = (v: unknown) => (v === null ? 'null' : str(v));
function int(v: unknown): string {
  if (!Number.isSafeInteger(v)) throw new TypeError('canonical record holds safe integers only');
  return String(v);
}
const intOrNull = (v: unknown) => (v === null ? 'null' : int(v));
function strArray(v: unknown): string {
  if (!Array.isArray(v)) throw new TypeError('canonical record: a list field is not a list');
  return `[${v.map(str).join(',')}]`;
}
function object(fields: Array<[string, string]>): string {
  return `{${fields.map(([k, v]) => `${json(k)}:${v}`).join(',')}}`;
}
const RECORD_FIELDS: Array<[string, (r: Unhashed) => string]> = (
  [
    ['id', (r) => str(r.id)],
    ['tijdstip', (r) => str(r.tijdstip)],
    ['soort', (r) => str(r.soort)],
    ['bron', (r) => str(r.bron)],
    ['traceId', (r) => str(r.traceId)],
    ['spanId', (r) => str(r.spanId)],
    ['verwerkingsactiviteit', (r) => str(r.verwerkingsactiviteit)],
    ['betrokkene', (r) => (r.betrokkene === null ? 'null' : object([['id', str(r.betrokkene.id)], ['type', str(r.betrokkene.type)]]))],
    ['actor', (r) => object([['organisatie', str(r.actor.organisatie)], ['rollen', strArray(r.actor.rollen)], ['sub', str(r.actor.sub)]])],
    ['doel', (r) => str(r.doel)],
    ['operatie', (r) => strOrNull(r.operatie)],
    ['documentHash', (r) => strOrNull(r.documentHash)],
    ['verstrekt', (r) => strArray(r.verstrekt)],
    ['geweigerd', (r) => `[${r.geweigerd.map((g) => object([['code', str(g.code)], ['veld', str(g.veld)]])).join(',')}]`],
    ['status', (r) => str(r.status)],
    ['httpStatus', (r) => intOrNull(r.httpStatus)],
    ['stroom', (r) => str(r.stroom)],
    ['volgnummer', (r) => int(r.volgnummer)],
  ] as Array<[string, (r: Unhashed) => string]>
)
  // Keys in canonical order (UTF-16 code units, as canonicalJson sorts them), worked out once.
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([k, f]) => [`${json(k)}:`, f]);

/**
 * The record as hashed: every field but the hash itself, in canonical JSON (RFC 8785, as
 * `canonicalJson` writes it). Listing the fields, rather than hashing the object as given, keeps
 * a stray property, such as a row's extra column, from silently changing what the chain covers.
 */
export function canonicalRecord(record: Unhashed): string {
  let out = '{';
  for (let i = 0; i < RECORD_FIELDS.length; i++) out += (i ? ',' : '') + RECORD_FIELDS[i][0] + RECORD_FIELDS[i][1](record);
  return `${out}}`;
}

/**
 * `hash = SHA-256(canonical record ‖ previous hash)`: the UTF-8 bytes of the canonical record
 * followed by the 32 raw bytes of the previous hash (hex-decoded). Hex out.
 */
export function chainHash(record: Omit<AuditRecord, 'hash'>, previousHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(previousHash)) throw new TypeError(`previous hash must be 64 lower-case hex digits, got ${previousHash.length} characters`);
  return createHash('sha256').update(canonicalRecord(record), 'utf8').update(Buffer.from(previousHash, 'hex')).digest('hex');
}

/** Sorted, deduplicated coordinates: the canonical form of a set. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Sorted, deduplicated withholdings. */
export function sortedWeigeringen(values: Iterable<AuditWeigering>): AuditWeigering[] {
  const byKey = new Map<string, AuditWeigering>();
  for (const v of values) byKey.set(`${v.veld}\u0000${v.code}`, { veld: v.veld, code: v.code });
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** A row of `audit_record` as the drivers return it. */
export interface AuditRow {
  stroom: string;
  volgnummer: number;
  id: string;
  tijdstip: string;
  soort: AuditSoort;
  bron: string;
  trace_id: string;
  span_id: string;
  verwerkingsactiviteit: string;
  betrokkene: string | null;
  betrokkene_type: string | null;
  actor_sub: string;
  actor_organisatie: string;
  actor_rollen: string[];
  doel: string;
  operatie: string | null;
  document_hash: string | null;
  verstrekt: string[];
  geweigerd: AuditWeigering[];
  status: AuditStatus;
  http_status: number | null;
  hash: string;
}

/** Every column, in the order of the table; readers select exactly these. */
export const AUDIT_COLUMNS =
  'stroom, volgnummer, id, tijdstip, soort, bron, trace_id, span_id, verwerkingsactiviteit, betrokkene, betrokkene_type, actor_sub, actor_organisatie, actor_rollen, doel, operatie, document_hash, verstrekt, geweigerd, status, http_status, hash';

/**
 * A row as a record. The API and `verify` both read records through this one function, so what
 * the privacy officer is shown is exactly what the chain vouches for.
 */
export function recordFromRow(row: AuditRow): AuditRecord {
  return {
    stroom: row.stroom,
    volgnummer: Number(row.volgnummer),
    id: row.id,
    tijdstip: row.tijdstip,
    soort: row.soort,
    bron: row.bron,
    traceId: row.trace_id,
    spanId: row.span_id,
    verwerkingsactiviteit: row.verwerkingsactiviteit,
    betrokkene: row.betrokkene === null ? null : { id: row.betrokkene, type: row.betrokkene_type as 'BSN' },
    actor: { sub: row.actor_sub, organisatie: row.actor_organisatie, rollen: row.actor_rollen },
    doel: row.doel,
    operatie: row.operatie,
    documentHash: row.document_hash,
    verstrekt: row.verstrekt,
    geweigerd: row.geweigerd,
    status: row.status,
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    hash: row.hash,
  };
}

/** A record as a row for `jsonb_to_recordset`: the inverse of `recordFromRow`. */
export function rowFromRecord(r: AuditRecord): AuditRow {
  return {
    stroom: r.stroom,
    volgnummer: r.volgnummer,
    id: r.id,
    tijdstip: r.tijdstip,
    soort: r.soort,
    bron: r.bron,
    trace_id: r.traceId,
    span_id: r.spanId,
    verwerkingsactiviteit: r.verwerkingsactiviteit,
    betrokkene: r.betrokkene?.id ?? null,
    betrokkene_type: r.betrokkene?.type ?? null,
    actor_sub: r.actor.sub,
    actor_organisatie: r.actor.organisatie,
    actor_rollen: r.actor.rollen,
    doel: r.doel,
    operatie: r.operatie,
    document_hash: r.documentHash,
    verstrekt: r.verstrekt,
    geweigerd: r.geweigerd,
    status: r.status,
    http_status: r.httpStatus,
    hash: r.hash,
  };
}
