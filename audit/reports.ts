import { stringify } from 'csv-stringify/sync';
import { RECORD_TYPES, type RecordType } from '../domain/record-types';
import type { Db } from '../lib/db';
import type { OpaqueIds } from '../lib/opaque';
import { badUserInput, checkPeriod } from '../lib/errors';
import { subjectsWithRecords } from '../read-model';
import { destructionRecords, type DestructionRecord } from '../retention';
import type { ReportLabels } from './labels';
import { AUDIT_COLUMNS, recordFromRow, type AuditActor, type AuditRecord, type AuditRow } from './record';
import type { Verwerkingsregister } from './register';
import { detectSnuffelen, ROLE_DOMAIN, type SnuffelDrempels, type SnuffelSignaal } from './snuffel';
import type { AuditVerification } from './verify';

/*
 * The privacy officer's reads of the audit log (table audit_record): pages of records, the
 * subject-access report, the snuffel report; and the destruction records, through retention's
 * API. No GraphQL here: subgraphs/audit serves them.
 */

/** What the audit subgraph needs from the process's audit log. */
export interface AuditSource {
  register: Verwerkingsregister;
  verify(): Promise<AuditVerification>;
}

export interface AuditFilterInput {
  betrokkene?: string | null;
  actor?: string | null;
  organisatie?: string | null;
  doel?: string | null;
  van?: string | null;
  tot?: string | null;
}

/** What auditTellingen splits its counts by, and the length of its periods. */
export type TellingPer = 'ORGANISATIE' | 'DOEL' | 'WEIGERCODE';
export type TellingInterval = 'DAG' | 'WEEK';

export interface TellingenInput {
  per: TellingPer;
  interval: TellingInterval;
  van: string;
  tot: string;
  organisatie?: string | null;
  doel?: string | null;
}

export interface AuditTelling {
  /** First day of the period, YYYY-MM-DD in Europe/Amsterdam. */
  periode: string;
  sleutel: string;
  aantal: number;
}

export interface AuditTellingenData {
  per: TellingPer;
  interval: TellingInterval;
  van: string;
  tot: string;
  tellingen: AuditTelling[];
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A destruction record, as the privacy officer's API shows it. */
export type VernietigingRow = DestructionRecord;

/** A field coordinate with what it means (audit/labels.ts). */
export interface InzageGegeven {
  veld: string;
  omschrijving: string;
}

/** Who, for which purpose and in words: the codes as recorded, each beside its meaning. */
interface InzageWie {
  organisatie: string;
  organisatieNaam: string;
  rollen: string[];
  rolNamen: string[];
  doel: string;
  /** The purpose in words: the processing activity it belongs to in the register (AVG art. 30). */
  doelOmschrijving: string;
}

export interface InzageRegelRow extends InzageWie {
  tijdstip: string;
  verwerkingsactiviteit: string;
  bron: string;
  /** Field coordinates, as the log has them: for machines, and for the privacy officer's look-ups in auditRecords. */
  velden: string[];
  gegevens: InzageGegeven[];
}

export interface InzageSamenvattingRow extends InzageWie {
  aantal: number;
  eerste: string;
  laatste: string;
  velden: string[];
  gegevens: InzageGegeven[];
}

export interface InzageRapportData {
  betrokkene: string;
  van: string | null;
  tot: string | null;
  opgesteldOp: string;
  verantwoordelijke: string;
  /** Disclosures to an organisation's staff for their tasks: art. 15 (1)(a)–(c). */
  verstrekkingen: InzageRegelRow[];
  samenvatting: InzageSamenvattingRow[];
  /** The privacy officer's own processing (purpose AUDIT), apart: see `isToezicht`. */
  toezicht: InzageRegelRow[];
}

export interface SnuffelRapportData {
  van: string;
  tot: string;
  actoren: number;
  signalen: SnuffelSignaal[];
}

export interface AuditReports {
  source: AuditSource;
  records(filter: AuditFilterInput, first: number, after: string | null): Promise<Page<AuditRecord>>;
  inzage(bsn: string, van: string | null, tot: string | null): Promise<InzageRapportData>;
  snuffel(van: string, tot: string, drempels: Partial<SnuffelDrempels>): Promise<SnuffelRapportData>;
  tellingen(input: TellingenInput): Promise<AuditTellingenData>;
  vernietigingen(van: string | null, tot: string | null, first: number, after: string | null): Promise<Page<VernietigingRow>>;
}

/** Most rows one page may ask for; a privacy officer pages on, a client cannot make one query read the whole log. */
export const MAX_PAGE = 500;
/** The longest period one snuffel report covers: it reads every processing in it. */
export const SNUFFEL_MAX_DAYS = 366;
/** Most disclosures one subject-access report lists; beyond it the report says so (never silently short). */
export const MAX_INZAGE = 20_000;
/** The longest period auditTellingen counts over (stated in the schema, checked before it runs). */
export const TELLINGEN_MAX_DAYS = 366;
/**
 * Most rows one auditTellingen answer holds: 366 days × about 25 keys. Past it the request is
 * refused (never cut short: a chart that looks complete must be); a week interval or a narrower
 * filter fits.
 */
export const MAX_TELLINGEN = 10_000;

/**
 * The buckets of auditTellingen, in the municipality's time zone, so a day is the day the
 * officer means. `date_trunc('week', …)` starts ISO weeks on Monday.
 */
const PERIODE_SQL: Record<TellingInterval, string> = {
  DAG: "(a.tijdstip AT TIME ZONE 'Europe/Amsterdam')::date",
  WEEK: "date_trunc('week', a.tijdstip AT TIME ZONE 'Europe/Amsterdam')::date",
};

/**
 * Supervision: what the privacy officer processed under purpose AUDIT (reading a person's log
 * entries, the subject-access report itself, a snuffel signal naming the person, a destruction
 * request filed on their behalf). It is processing, so the person is told of it (CJEU C-579/21:
 * consultations, their dates and purposes); but the officer is no recipient in the sense of AVG
 * art. 4 (9) and 15 (1)(c): these look-ups serve the controller's own supervision (art. 5 (2),
 * 39) or the person's own request. Listed among the disclosures they would read as if the officer
 * had been given the person's file, and every report would add a line to the next; so the report
 * shows them apart, under `toezicht`.
 */
export function isToezicht(r: Pick<AuditRecord, 'doel'>): boolean {
  return r.doel === 'AUDIT';
}

/**
 * Reads of the audit log and the destruction records: each one query (or a few) at the root,
 * none per parent. `labels` words the subject-access report (audit/labels.ts).
 */
export function createAuditReports(db: Db, source: AuditSource, ids: OpaqueIds, labels: ReportLabels): AuditReports {
  const { page, read: readCursor } = pager(ids);
  const gegevens = (velden: string[]): InzageGegeven[] => velden.map((veld) => ({ veld, omschrijving: labels.field(veld) }));
  return {
    source,

    async records(filter, first, after) {
      const limit = pageSize(first);
      const period = checkPeriod(filter.van || null, filter.tot || null, { van: 'filter.van', tot: 'filter.tot' });
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (filter.betrokkene) add('betrokkene = ?', filter.betrokkene);
      if (filter.actor) add('actor_sub = ?', filter.actor);
      if (filter.organisatie) add('actor_organisatie = ?', filter.organisatie);
      if (filter.doel) add('doel = ?', filter.doel);
      if (period.van) add('tijdstip >= ?::timestamptz', period.van);
      if (period.tot) add('tijdstip < ?::timestamptz', period.tot);
      if (after) {
        const [t, id] = readCursor(after, UUID);
        params.push(t, id);
        // Newest first; (tijdstip, id) is unique, so the order is total and pages never overlap or skip.
        where.push(`(tijdstip, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      }
      params.push(limit + 1);
      const rows = await db.query<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_record ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY tijdstip DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      return page(rows.map(recordFromRow), limit, (r) => [r.tijdstip, r.id]);
    },

    async inzage(bsn, van, tot) {
      const checked = checkPeriod(van || null, tot || null);
      const params: unknown[] = [bsn];
      let period = '';
      if (checked.van) period += ` AND tijdstip >= $${params.push(checked.van)}::timestamptz`;
      if (checked.tot) period += ` AND tijdstip < $${params.push(checked.tot)}::timestamptz`;
      params.push(MAX_INZAGE + 1);
      const rows = await db.query<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_record
          WHERE betrokkene = $1 AND cardinality(verstrekt) > 0${period}
          ORDER BY tijdstip, id LIMIT $${params.length}`,
        params,
      );
      if (rows.length > MAX_INZAGE) {
        throw badUserInput(`the report would list more than ${MAX_INZAGE} disclosures; expected a period (van, tot) that holds fewer`);
      }
      const regels = rows.map(recordFromRow).map(
        (r): InzageRegelRow => ({
          tijdstip: r.tijdstip,
          organisatie: r.actor.organisatie,
          organisatieNaam: labels.organisation(r.actor.organisatie),
          rollen: r.actor.rollen,
          rolNamen: r.actor.rollen.map(labels.role),
          doel: r.doel,
          // The record's own activity, so a purpose whose activity was since retired still reads as it was.
          doelOmschrijving: source.register.activity(r.verwerkingsactiviteit)?.naam ?? r.doel,
          verwerkingsactiviteit: r.verwerkingsactiviteit,
          bron: r.bron,
          velden: r.verstrekt,
          gegevens: gegevens(r.verstrekt),
        }),
      );
      const verstrekkingen = regels.filter((r) => !isToezicht(r));
      const toezicht = regels.filter(isToezicht);
      const groups = new Map<string, { first: InzageRegelRow; aantal: number; laatste: string; set: Set<string> }>();
      for (const v of verstrekkingen) {
        const key = JSON.stringify([v.organisatie, v.rollen, v.doel]);
        const g = groups.get(key) ?? { first: v, aantal: 0, laatste: v.tijdstip, set: new Set<string>() };
        g.aantal += 1;
        g.laatste = v.tijdstip;
        for (const f of v.velden) g.set.add(f);
        groups.set(key, g);
      }
      const samenvatting = [...groups.values()].map(({ first, aantal, laatste, set }): InzageSamenvattingRow => {
        const { organisatie, organisatieNaam, rollen, rolNamen, doel, doelOmschrijving } = first;
        const velden = [...set].sort();
        return { organisatie, organisatieNaam, rollen, rolNamen, doel, doelOmschrijving, aantal, eerste: first.tijdstip, laatste, velden, gegevens: gegevens(velden) };
      });
      return { betrokkene: bsn, van, tot, opgesteldOp: new Date().toISOString(), verantwoordelijke: source.register.verantwoordelijke, verstrekkingen, samenvatting, toezicht };
    },

    async snuffel(van, tot, drempels) {
      const { van: from, tot: to } = checkPeriod(van, tot, { maxDays: SNUFFEL_MAX_DAYS });
      if (!from || !to) throw badUserInput('van and tot are both required');
      // Privacy officers' reads of the log are about logs, not domain data: not counted.
      const activity = await db.query<{ actor_sub: string; actor_organisatie: string; rollen: string; personen: number }>(
        `SELECT actor_sub, actor_organisatie, max(array_to_string(actor_rollen, ',')) AS rollen, count(DISTINCT betrokkene)::int AS personen
           FROM audit_record
          WHERE soort = 'VERWERKING' AND betrokkene IS NOT NULL AND bron <> 'audit' AND tijdstip >= $1::timestamptz AND tijdstip < $2::timestamptz
          GROUP BY actor_sub, actor_organisatie`,
        [from, to],
      );
      // Who was looked at outside the actor's own caseload: subjects of a role's domain without
      // any record there. The read model answers which subjects have records.
      const outside = new Map<string, string[]>();
      for (const [role, domain] of Object.entries(ROLE_DOMAIN)) {
        const types = (Object.entries(RECORD_TYPES) as Array<[RecordType, { domain: string }]>).filter(([, t]) => t.domain === domain).map(([type]) => type);
        const rows = await db.query<{ actor_sub: string; actor_organisatie: string; betrokkene: string }>(
          `SELECT DISTINCT a.actor_sub, a.actor_organisatie, a.betrokkene
             FROM audit_record a
            WHERE a.soort = 'VERWERKING' AND a.betrokkene IS NOT NULL AND cardinality(a.verstrekt) > 0 AND a.bron <> 'audit'
              AND $1 = ANY (a.actor_rollen) AND a.tijdstip >= $2::timestamptz AND a.tijdstip < $3::timestamptz`,
          [role, from, to],
        );
        const known = await subjectsWithRecords(db, [...new Set(rows.map((r) => r.betrokkene))], types);
        for (const r of rows) {
          if (known.has(r.betrokkene)) continue;
          const key = `${r.actor_sub}\u0000${r.actor_organisatie}`;
          outside.set(key, [...new Set([...(outside.get(key) ?? []), r.betrokkene])]);
        }
      }
      const signalen = detectSnuffelen(
        activity.map((a) => ({
          actor: { sub: a.actor_sub, organisatie: a.actor_organisatie, rollen: a.rollen ? a.rollen.split(',') : [] } satisfies AuditActor,
          personen: Number(a.personen),
          buitenCaseload: outside.get(`${a.actor_sub}\u0000${a.actor_organisatie}`) ?? [],
        })),
        drempels,
      );
      return { van: from, tot: to, actoren: activity.length, signalen };
    },

    async tellingen({ per, interval, van, tot, organisatie, doel }) {
      const { van: from, tot: to } = checkPeriod(van, tot, { maxDays: TELLINGEN_MAX_DAYS });
      if (!from || !to) throw badUserInput('van and tot are both required');
      // The schema's enums hold both; checked again for callers that are not GraphQL.
      const periode = Object.hasOwn(PERIODE_SQL, interval) ? PERIODE_SQL[interval] : undefined;
      if (!periode) throw badUserInput('interval must be DAG or WEEK');
      if (per !== 'ORGANISATIE' && per !== 'DOEL' && per !== 'WEIGERCODE') throw badUserInput('per must be ORGANISATIE, DOEL or WEIGERCODE');
      const params: unknown[] = [from, to];
      let where = 'a.tijdstip >= $1::timestamptz AND a.tijdstip < $2::timestamptz';
      if (organisatie) where += ` AND a.actor_organisatie = $${params.push(organisatie)}`;
      if (doel) where += ` AND a.doel = $${params.push(doel)}`;
      params.push(MAX_TELLINGEN + 1);
      // What the console's charts counted from pages of records before, now one query over the
      // indexes on (tijdstip), (actor_organisatie, tijdstip) and (doel, tijdstip): an access is
      // one person in one request (trace), whichever parts took part, and not a refused one; a
      // refusal counts once per record per code it names.
      let sql: string;
      if (per === 'WEIGERCODE') {
        sql = `SELECT ${periode} AS periode, g.code AS sleutel, count(DISTINCT a.id)::int AS aantal
                 FROM audit_record a CROSS JOIN LATERAL jsonb_to_recordset(a.geweigerd) AS g(code text)
                WHERE ${where} AND a.geweigerd <> '[]'::jsonb AND g.code IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1, 2 LIMIT $${params.length}`;
      } else {
        const key = per === 'ORGANISATIE' ? 'a.actor_organisatie' : 'a.doel';
        sql = `SELECT ${periode} AS periode, ${key} AS sleutel, count(DISTINCT (a.trace_id, a.betrokkene))::int AS aantal
                 FROM audit_record a
                WHERE ${where} AND a.soort = 'VERWERKING' AND a.betrokkene IS NOT NULL AND a.status <> 'GEWEIGERD'
                GROUP BY 1, 2 ORDER BY 1, 2 LIMIT $${params.length}`;
      }
      const rows = await db.query<{ periode: string; sleutel: string; aantal: number }>(sql, params);
      if (rows.length > MAX_TELLINGEN) throw badUserInput(`more than ${MAX_TELLINGEN} counts; expected a shorter period, interval WEEK or a filter`);
      return { per, interval, van: from, tot: to, tellingen: rows.map((r) => ({ periode: r.periode, sleutel: r.sleutel, aantal: Number(r.aantal) })) };
    },

    async vernietigingen(van, tot, first, after) {
      const limit = pageSize(first);
      const period = checkPeriod(van || null, tot || null);
      const rows = await destructionRecords(db, {
        van: period.van,
        tot: period.tot,
        after: after ? readCursor(after, /^[0-9]{1,18}$/) : null,
        limit: limit + 1,
      });
      return page(rows, limit, (v) => [v.tijdstip, v.id]);
    },
  };
}

/**
 * The subject-access report as a JSON file: what the person is given. Each line has the codes as
 * the log records them beside their meaning (`organisatie` and `organisatieNaam`, a field's
 * `veld` and `omschrijving`), so a program can rely on the one and a person read the other.
 */
export function inzageJson(r: InzageRapportData, register: Verwerkingsregister): { bestandsnaam: string; mediaType: string; inhoud: string } {
  const { betrokkene, van, tot, opgesteldOp, verantwoordelijke, samenvatting, verstrekkingen, toezicht } = r;
  const metGrondslag = (v: InzageRegelRow) => ({ ...v, grondslag: register.activity(v.verwerkingsactiviteit)?.grondslag ?? null });
  return {
    bestandsnaam: `inzage-${opgesteldOp.slice(0, 10)}.json`,
    mediaType: 'application/json',
    inhoud: JSON.stringify({ betrokkene, periode: { van, tot }, opgesteldOp, verantwoordelijke, samenvatting, verstrekkingen: verstrekkingen.map(metGrondslag), toezicht: toezicht.map(metGrondslag) }, null, 2),
  };
}

/**
 * The same report as CSV (RFC 4180, header row), one line per disclosure, then one per
 * supervisory look-up (`soort` says which). New columns come after the earlier ones, so a reader
 * that takes columns by position still finds them where they were.
 */
export function inzageCsv(r: InzageRapportData, register: Verwerkingsregister): { bestandsnaam: string; mediaType: string; inhoud: string } {
  const line = (soort: string) => (v: InzageRegelRow) => {
    const a = register.activity(v.verwerkingsactiviteit);
    return [v.tijdstip, v.organisatie, v.rollen.join(' '), v.doel, v.verwerkingsactiviteit, a?.naam ?? '', a?.grondslag ?? '', v.bron, v.velden.join(' '), soort, v.organisatieNaam, v.rolNamen.join('; '), v.gegevens.map((g) => g.omschrijving).join('; ')];
  };
  const inhoud = stringify([...r.verstrekkingen.map(line('verstrekking')), ...r.toezicht.map(line('toezicht'))], {
    header: true,
    columns: [...INZAGE_CSV_COLUMNS],
    record_delimiter: 'windows',
  });
  // No BSN in file names: they travel further than the contents (mail subjects, download lists).
  return { bestandsnaam: `inzage-${r.opgesteldOp.slice(0, 10)}.csv`, mediaType: 'text/csv; charset=utf-8', inhoud };
}

/** The CSV's header row. */
export const INZAGE_CSV_COLUMNS = [
  'tijdstip',
  'organisatie',
  'rollen',
  'doel',
  'verwerkingsactiviteit',
  'naam_verwerkingsactiviteit',
  'grondslag',
  'bron',
  'velden',
  'soort',
  'naam_organisatie',
  'namen_rollen',
  'gegevens',
] as const;

function pageSize(first: number | null | undefined): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badUserInput(`first must be between 1 and ${MAX_PAGE}`);
  return n;
}

/** Pages are cursored by (tijdstip, id), sealed (lib/opaque.ts): a cursor can be neither read nor made up. */
function pager(ids: OpaqueIds) {
  return {
    page<T>(rows: T[], limit: number, key: (t: T) => [string, string]): Page<T> {
      const nodes = rows.slice(0, limit);
      const edges = nodes.map((node) => ({ cursor: ids.seal(key(node)), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    /** A cursor's (tijdstip, id); anything else is BAD_USER_INPUT, never a database error. */
    read(cursor: string, idPattern: RegExp): [string, string] {
      const key = ids.open(cursor);
      if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && !Number.isNaN(Date.parse(key[0])) && typeof key[1] === 'string' && idPattern.test(key[1])) return [key[0], key[1]];
      throw badUserInput('after must be a cursor from an earlier page');
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
