import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteGuards } from '../gateway';
import type { EdgeRefusal } from '../gateway/edge';
import { isValidBsn } from '../lib/bsn';
import { traceOf } from '../lib/trace';
import { silentLogger, type Logger } from '../lib/log';
import type { Db } from '../lib/db';
import type { RequestContext, Rules } from '../policy';
import { AUDIT_COLUMNS, recordFromRow, type AuditEntry, type AuditRecord, type AuditRow, type AuditStatus } from './record';
import { RequestRecorder, requestEntry, type AuditSink } from './recorder';
import type { Verwerkingsregister } from './register';

/*
 * The audit log as the Logboek Dataverwerkingen standard (Logius) has a log read: every record as
 * an LDV log record (core standard 1.0.0), served by the read API of the standard's "lezen"
 * extension (its OpenAPI "LDV lezen API" 1.1.0: one POST with the selection in a JSON body, so a
 * BSN never travels in a URL). The municipality's other LDV tools read the hub's log through it.
 * Only a role and purpose the rules give AUDIT/LOG may read it, and every read is itself written
 * to the log before it is answered, as the audit subgraph's reads are.
 */

/** Where the read API answers, at the gateway. */
export const LDV_PATH = '/ldv/v1/processing-activities';
/** The lezen extension's OpenAPI version this implements; sent as `API-Version` (API Design Rules). */
export const LDV_API_VERSION = '1.1.0';
/**
 * Most log records one answer holds. The extension has no paging yet and recommends a maximum;
 * more is refused (never cut short silently: an audit answer that looks complete must be), and the
 * client narrows its selection with startTime and endTime.
 */
export const MAX_LDV_RECORDS = 1000;

/** The field coordinate a read through the LDV API is recorded under, beside the audit subgraph's `Query.*`. */
export const LDV_COORDINATE = 'LDV.processingActivities';
/** The operation the read's records name: the request itself, as the GraphQL records name theirs. */
const LDV_OPERATION = `POST ${LDV_PATH}`;

/** One log record as the read API gives it: the extension's `ProcessingActivity`. */
export interface LdvProcessingActivity {
  /** The W3C trace id's 16 bytes, written as a UUID (8-4-4-4-12) as the OpenAPI's `format: uuid` asks. */
  traceId: string;
  spanId: string;
  /** The action that started this one within the trace: for a part's record, the gateway's request. */
  parentSpanId?: string;
  status: 'Unset' | 'Ok' | 'Error';
  name: string;
  /** Milliseconds since the epoch. */
  startTime: number;
  endTime: number;
  resource: { attributes: Record<string, string> };
  attributes: LdvAttributes;
}

export interface LdvAttributes {
  'dpl.core.processing_activity_id': string;
  'dpl.core.data_subject_id'?: string;
  'dpl.core.data_subject_id_type'?: string;
}

/**
 * An error answer in the extension's format: problem JSON of the API Design Rules
 * (`application/problem+json`), with the hub's error code as an extension member `code`.
 */
export interface LdvProblem {
  status: number;
  title: string;
  detail?: string;
  code: string;
  errors?: Array<{ in: 'body'; location: string; code: string; detail: string }>;
}

/** What a request selects, checked: ids in the form audit_record holds them. */
export interface LdvQuery {
  /** 32 lower-case hex digits. */
  traceId?: string;
  /** An id in the register of processing activities (audit/verwerkingsactiviteiten.yaml). */
  verwerkingsactiviteit?: string;
  /** A BSN. */
  betrokkene?: string;
  betrokkeneType?: 'BSN';
  /** Inclusive bounds on the records' time, milliseconds since the epoch. */
  startTime?: number;
  endTime?: number;
  /**
   * Set when the selection names something this log never holds: another register's activity,
   * another kind of subject id, an attribute the hub does not write. Nothing matches it.
   */
  matchesNothing: boolean;
}

const TRACE_HEX = /^[0-9a-f]{32}$/;
const TRACE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACTIVITY_ID = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
/** The last millisecond of the year 9999: later instants have no ISO form Postgres reads. */
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const ACTIVITY = 'dpl.core.processing_activity_id';
const SUBJECT = 'dpl.core.data_subject_id';
const SUBJECT_TYPE = 'dpl.core.data_subject_id_type';

/** A trace id as the OpenAPI writes it: the same 16 bytes as a UUID. */
export function traceIdAsUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The LDV status of a record. The core standard keeps `Error` for faults inside the system and
 * `Unset` for processing that went as designed without a result (a refusal, invalid input); `Ok`
 * may mark success explicitly, which the hub does for what it disclosed or answered.
 */
export function ldvStatus(status: AuditStatus): LdvProcessingActivity['status'] {
  switch (status) {
    case 'VERSTREKT':
    case 'GEDEELTELIJK':
    case 'VOLTOOID':
      return 'Ok';
    case 'GEWEIGERD':
    case 'ONGELDIG':
      return 'Unset';
    case 'MISLUKT':
      return 'Error';
  }
}

/**
 * One audit record as an LDV log record. The standard wants one action (span) per data subject,
 * under the action that started it; the hub's records of one request all carry the gateway's span
 * id. So the gateway's request record keeps that span id, and each part's record gets a span id of
 * its own, derived from its record id (the same on every read), with the gateway's as its parent.
 *
 * A record has one moment: for a part's record when the part began the request, for the gateway's
 * when it had the answer. The hub does not record how long either took, so both start and end
 * time are that moment.
 *
 * No actor: the standard keeps users out of log records (they stay in the audit log, which
 * `auditRecords` shows the privacy officer). Nor the fields disclosed: the register says what an
 * activity processes.
 */
export function ldvRecord(record: Pick<AuditEntry, 'id' | 'tijdstip' | 'soort' | 'bron' | 'traceId' | 'spanId' | 'verwerkingsactiviteit' | 'betrokkene' | 'operatie' | 'status'>, registerBaseUri: string): LdvProcessingActivity {
  const at = Date.parse(record.tijdstip);
  const request = record.soort === 'VERZOEK';
  const attributes: LdvAttributes = { [ACTIVITY]: `${registerBaseUri}${record.verwerkingsactiviteit}` };
  if (record.betrokkene) {
    attributes[SUBJECT] = record.betrokkene.id;
    attributes[SUBJECT_TYPE] = record.betrokkene.type;
  }
  return {
    traceId: traceIdAsUuid(record.traceId),
    spanId: request ? record.spanId : createHash('sha256').update(record.id).digest('hex').slice(0, 16),
    ...(request ? {} : { parentSpanId: record.spanId }),
    status: ldvStatus(record.status),
    name: `${record.bron}: ${request ? 'verzoek' : 'verwerking'}${record.operatie ? ` ${record.operatie}` : ''}`,
    startTime: at,
    endTime: at,
    resource: { attributes: { 'service.namespace': 'ontschot', 'service.name': record.bron } },
    attributes,
  };
}

/**
 * A request body checked against the extension: at least one of traceId,
 * dpl.core.processing_activity_id and dpl.core.data_subject_id (else 400, as the extension
 * demands), optionally narrowed by dpl.core.data_subject_id_type, startTime and endTime. Other
 * `dpl.*` attributes are accepted and match nothing (the hub writes none of them); any other
 * property is refused, so that a misspelt selector never silently widens the answer. Messages
 * name the property, never its value.
 */
export function parseLdvRequest(body: unknown, registerBaseUri: string): { query: LdvQuery } | { problem: LdvProblem } {
  const errors: NonNullable<LdvProblem['errors']> = [];
  const fail = (property: string | null, code: string, detail: string) => errors.push({ in: 'body', location: property === null ? '#' : `#/${property}`, code, detail });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fail(null, 'type', 'expected a JSON object');
    return { problem: validationProblem(errors) };
  }
  const given = body as Record<string, unknown>;
  const query: LdvQuery = { matchesNothing: false };

  for (const [key, value] of Object.entries(given)) {
    switch (key) {
      case 'traceId': {
        const t = typeof value === 'string' ? value.toLowerCase() : null;
        if (t !== null && (TRACE_HEX.test(t) || TRACE_UUID.test(t)) && !/^[0-]+$/.test(t)) query.traceId = t.replace(/-/g, '');
        else fail(key, 'format', 'expected a trace id: 32 hex digits, or the same 16 bytes as a UUID, not all zero');
        break;
      }
      case ACTIVITY: {
        if (typeof value !== 'string' || !URL.canParse(value)) fail(key, 'format', 'expected the URI of a processing activity');
        else if (value.startsWith(registerBaseUri) && ACTIVITY_ID.test(value.slice(registerBaseUri.length))) query.verwerkingsactiviteit = value.slice(registerBaseUri.length);
        else query.matchesNothing = true;
        break;
      }
      case SUBJECT:
        if (typeof value !== 'string' || value === '') fail(key, 'type', 'expected a data subject id as a string');
        break;
      case SUBJECT_TYPE:
        if (typeof value !== 'string' || value === '') fail(key, 'type', 'expected the type of the data subject id as a string, e.g. BSN');
        else if (value === 'BSN') query.betrokkeneType = 'BSN';
        // The hub's records name their subjects by BSN only.
        else query.matchesNothing = true;
        break;
      case 'startTime':
      case 'endTime':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME) query[key] = value;
        else fail(key, 'format', 'expected milliseconds since the epoch: an integer from 0 up to the end of the year 9999');
        break;
      default:
        if (key.startsWith('dpl.')) query.matchesNothing = true;
        else fail(key, 'unknown', 'not a property of this request; expected traceId, startTime, endTime or dpl.* attributes');
    }
  }
  // A subject id is read as a BSN unless another type is named: the elfproef catches a mistyped one.
  const subject = given[SUBJECT];
  if (typeof subject === 'string' && subject !== '' && (given[SUBJECT_TYPE] === undefined || given[SUBJECT_TYPE] === 'BSN')) {
    if (isValidBsn(subject)) query.betrokkene = subject;
    else fail(SUBJECT, 'format', 'expected a burgerservicenummer: nine digits that pass the elfproef');
  } else if (typeof subject === 'string' && subject !== '') query.matchesNothing = true;
  if (query.startTime !== undefined && query.endTime !== undefined && query.startTime > query.endTime) fail('endTime', 'range', 'expected endTime at or after startTime');
  if (!('traceId' in given) && !(ACTIVITY in given) && !(SUBJECT in given)) {
    fail(null, 'required', 'expected at least one of traceId, dpl.core.processing_activity_id and dpl.core.data_subject_id');
  }
  return errors.length ? { problem: validationProblem(errors) } : { query };
}

function validationProblem(errors: NonNullable<LdvProblem['errors']>): LdvProblem {
  return { status: 400, title: 'Request validation failed', code: 'BAD_REQUEST', detail: 'The request does not select log records as the LDV read API expects', errors };
}

/**
 * The records a checked query selects, oldest first, at most `limit`: each selector an equality
 * on an indexed column (trace_id, betrokkene) or on the activity, narrowed by time.
 */
export async function readLdvRecords(db: Db, query: LdvQuery, limit: number): Promise<AuditRecord[]> {
  if (query.matchesNothing) return [];
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
  if (query.traceId) add('trace_id = ?', query.traceId);
  if (query.verwerkingsactiviteit) add('verwerkingsactiviteit = ?', query.verwerkingsactiviteit);
  if (query.betrokkene) add('betrokkene = ?', query.betrokkene);
  if (query.betrokkeneType) add('betrokkene_type = ?', query.betrokkeneType);
  // Reading the whole log is never what a request means (parseLdvRequest refuses it): refused here too.
  if (where.length === 0) throw new Error('an LDV query selects by trace, activity or subject');
  if (query.startTime !== undefined) add('tijdstip >= ?::timestamptz', new Date(query.startTime).toISOString());
  if (query.endTime !== undefined) add('tijdstip <= ?::timestamptz', new Date(query.endTime).toISOString());
  const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_record WHERE ${where.join(' AND ')} ORDER BY tijdstip, id LIMIT $${params.push(limit)}`, params);
  return rows.map(recordFromRow);
}

export interface LdvRoutesOptions {
  db: Db;
  /** The process's audit log (AuditLog): its register, and its store to record each read in. */
  audit: { register: Verwerkingsregister; store: { append: AuditSink } };
  rules: Pick<Rules, 'basis'>;
  /** LDV_REGISTER_BASE_URI: the activity's id is appended to it. */
  registerBaseUri: string;
  /** @defaultValue MAX_LDV_RECORDS */
  maxRecords?: number;
  /** Where a failed read is reported (class and code only). @defaultValue no output */
  logger?: Logger;
}

/**
 * The LDV read API as routes for the gateway's guarded scope: `POST LDV_PATH`, authenticated,
 * rate-limited and shed like POST /graphql; other methods 405.
 *
 * Every answer of the handler leaves only once its records are committed (fail closed): a record
 * per data subject whose log entries it shows or was asked about (so the read shows in that
 * person's subject-access report), one without subject, and the request's own record, in one
 * append. A refusal is recorded the same way. An unrecorded read answers 503 and nothing else.
 */
export function ldvRoutes(options: LdvRoutesOptions): (scope: FastifyInstance, guards: RouteGuards) => Promise<void> {
  const { db, audit, rules, registerBaseUri } = options;
  const log = options.logger ?? silentLogger;
  const maxRecords = options.maxRecords ?? MAX_LDV_RECORDS;
  return async (scope, { onRequest, caller }) => {
    // The guard's refusals (401, 403, 413, 429, 503) in this API's own error format.
    scope.post(LDV_PATH, { onRequest, config: { sendRefusal: sendEdgeRefusal } }, async (request, reply) => {
      const { actor, purpose } = caller(request);
      const trace = traceOf(request);
      const context: RequestContext = {
        actor,
        doel: purpose,
        traceId: trace.traceId,
        spanId: trace.spanId,
        operationName: LDV_OPERATION,
        // The body names a BSN: a hash of it could be reversed by trying the few the register holds.
        documentHash: null,
      };
      reply.header('traceparent', trace.traceparent).header('api-version', LDV_API_VERSION).header('cache-control', 'no-store');
      // Log records are read from the audit log: the read is the audit part's processing, and
      // so left out of the snuffel report as the audit subgraph's reads are.
      const recorder = new RequestRecorder(() => Promise.resolve(), audit.register, context, 'audit');
      const answer = async (status: number, send: () => FastifyReply) => {
        try {
          await audit.store.append([...recorder.entries(), requestEntry(audit.register, context, status)]);
        } catch {
          return sendProblem(reply, { status: 503, title: 'Service Unavailable', code: 'SOURCE_UNAVAILABLE', detail: 'The audit log cannot be written right now; nothing is answered without it' });
        }
        return send();
      };

      const body = request.body;
      if (!rules.basis(actor.rollen, purpose, 'AUDIT', 'LOG')) {
        const subject = askedSubject(body);
        if (subject) recorder.withheld(subject, LDV_COORDINATE, 'FORBIDDEN');
        else recorder.processedWithoutSubject(LDV_COORDINATE, 'FORBIDDEN');
        return answer(403, () => sendProblem(reply, { status: 403, title: 'Forbidden', code: 'FORBIDDEN', detail: 'No legal basis to read the audit log for this actor and purpose' }));
      }
      const parsed = parseLdvRequest(body, registerBaseUri);
      if ('problem' in parsed) return answer(400, () => sendProblem(reply, parsed.problem));

      let records: AuditRecord[];
      try {
        records = await readLdvRecords(db, parsed.query, maxRecords + 1);
      } catch (err) {
        log.error({ err }, 'ldv: reading the audit log failed');
        return answer(500, () => sendProblem(reply, { status: 500, title: 'Internal Server Error', code: 'INTERNAL_SERVER_ERROR' }));
      }
      if (records.length > maxRecords) {
        return answer(400, () =>
          sendProblem(reply, {
            status: 400,
            title: 'Too many log records',
            code: 'BAD_REQUEST',
            detail: `More than ${maxRecords} log records match; narrow the request with startTime and endTime`,
            errors: [{ in: 'body', location: '#', code: 'too_many', detail: `at most ${maxRecords} log records per request` }],
          }),
        );
      }
      // Seeing who processed a person's data is processing that person's data.
      if (parsed.query.betrokkene) recorder.disclosed(parsed.query.betrokkene, LDV_COORDINATE);
      for (const r of records) if (r.betrokkene) recorder.disclosed(r.betrokkene.id, LDV_COORDINATE);
      recorder.processedWithoutSubject(LDV_COORDINATE);
      return answer(200, () =>
        reply
          .code(200)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify({ processingActivities: records.map((r) => ldvRecord(r, registerBaseUri)) })),
      );
    });
    scope.route({
      method: ['GET', 'PUT', 'PATCH', 'DELETE'],
      url: LDV_PATH,
      handler: (request, reply) => sendProblem(reply.header('allow', 'POST'), { status: 405, title: 'Method Not Allowed', code: 'METHOD_NOT_ALLOWED', detail: `Expected POST, got ${request.method}` }),
    });
  };
}

function sendProblem(reply: FastifyReply, problem: LdvProblem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/**
 * A refusal of the gateway's shared guard (gateway/edge.ts) as problem JSON: the same status,
 * code, message (as `detail`) and headers (WWW-Authenticate, Retry-After) the GraphQL endpoint
 * gives, in the format an LDV client reads.
 */
function sendEdgeRefusal(reply: FastifyReply, refusal: EdgeRefusal): FastifyReply {
  for (const [k, v] of Object.entries(refusal.headers ?? {})) reply.header(k, v);
  return sendProblem(reply, { status: refusal.status, title: STATUS_CODES[refusal.status] ?? 'Error', code: refusal.code, detail: refusal.message });
}

/** The BSN a refused request asked about, when it names a valid one: the refusal is recorded about that person. */
function askedSubject(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const id = b[SUBJECT];
  return typeof id === 'string' && (b[SUBJECT_TYPE] === undefined || b[SUBJECT_TYPE] === 'BSN') && isValidBsn(id) ? id : null;
}
