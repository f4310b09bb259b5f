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

// The canonical form of the fields a record is hashed over. This runs for every record of every
// request, so rather than the general `canonicalJson` (sorting keys, walking values) it builds
// the record once with its keys already in canonical order (UTF-16 code units, upper case before
// lower) and lets one JSON.stringify write it: the same text (record.test.ts compares the two),
// and the same refusals, checked field by field on the way in.
function text(v: unknown): string {
  if (typeof v !== 'string') throw new TypeError('canonical record: a text field is not text');
  return v;
}
const textOrNull = (v: unknown) => (v === null ? null : text(v));
function int(v: unknown): number {
  if (!Number.isSafeInteger(v)) throw new TypeError('canonical record holds safe integers only');
  return v as number;
}
function texts(v: unknown): string[] {
  if (!Array.isArray(v)) throw new TypeError('canonical record: a list field is not a list');
  for (const t of v) text(t);
  return v;
}

/**
 * The record as hashed: every field but the hash itself, in canonical JSON (RFC 8785, as
 * `canonicalJson` writes it). Naming the fields, rather than hashing the object as given, keeps
 * a stray property, such as a row's extra column, from silently changing what the chain covers.
 */
export function canonicalRecord(r: Unhashed): string {
  return JSON.stringify({
    actor: { organisatie: text(r.actor.organisatie), rollen: texts(r.actor.rollen), sub: text(r.actor.sub) },
    betrokkene: r.betrokkene === null ? null : { id: text(r.betrokkene.id), type: text(r.betrokkene.type) },
    bron: text(r.bron),
    documentHash: textOrNull(r.documentHash),
    doel: text(r.doel),
    geweigerd: r.geweigerd.map((g) => ({ code: text(g.code), veld: text(g.veld) })),
    httpStatus: r.httpStatus === null ? null : int(r.httpStatus),
    id: text(r.id),
    operatie: textOrNull(r.operatie),
    soort: text(r.soort),
    spanId: text(r.spanId),
    status: text(r.status),
    stroom: text(r.stroom),
    tijdstip: text(r.tijdstip),
    traceId: text(r.traceId),
    verstrekt: texts(r.verstrekt),
    verwerkingsactiviteit: text(r.verwerkingsactiviteit),
    volgnummer: int(r.volgnummer),
  });
}

/**
 * `hash = SHA-256(canonical record ‖ previous hash)`: the UTF-8 bytes of the canonical record
 * followed by the 32 raw bytes of the previous hash (hex-decoded). Hex out.
 */
export function chainHash(record: Omit<AuditRecord, 'hash'>, previousHash: string): string {
  return hashAfter(canonicalRecord(record), previousHash);
}

/** `chainHash` for a record whose canonical text the caller has already written. */
export function hashAfter(canonical: string, previousHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(previousHash)) throw new TypeError(`previous hash must be 64 lower-case hex digits, got ${previousHash.length} characters`);
  return createHash('sha256').update(canonical, 'utf8').update(previousHash, 'hex').digest('hex');
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
