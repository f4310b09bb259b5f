import type { Db } from '../lib/db';
import { OpaqueIds } from '../lib/opaque';
import { loadOrganisations } from '../policy';
import { reportLabels } from './labels';
import type { AuditEntry } from './record';
import { loadVerwerkingsregister } from './register';
import { createAuditReports, MAX_TELLINGEN, type AuditReports } from './reports';
import { readLdvRecords } from './ldv';
import { AuditSigner } from './signing';
import { AuditStore } from './store';
import { auditEntry, BACKENDS } from './testing/backends';

/**
 * The audit log's filters and counts in the database itself: auditRecords by purpose, the
 * aggregate behind the console's charts, and the indexes (migration 012) they and the LDV read
 * API use.
 */

const register = loadVerwerkingsregister();

const entry = auditEntry;

const trace = (n: number) => n.toString(16).padStart(32, '0');

/**
 * Monday 2 and Tuesday 3 November 2026 (CET, UTC+1), and Monday 9 November.
 * 23:30 UTC on the 2nd is already the 3rd in Amsterdam: days are the municipality's.
 */
const LOG: AuditEntry[] = [
  // One request (trace 1) processed by two parts: one access, not two.
  entry({ traceId: trace(1), bron: 'wmo' }),
  entry({ traceId: trace(1), bron: 'brp', verstrekt: ['Persoon.naam'] }),
  entry({ traceId: trace(2), tijdstip: '2026-11-02T10:00:00.000Z', betrokkene: { id: '999990020', type: 'BSN' } }),
  entry({ traceId: trace(3), tijdstip: '2026-11-02T23:30:00.000Z', actor: { sub: 'partner-1', organisatie: 'mee', rollen: ['partner'] }, doel: 'INTEGRALE_AANPAK', verwerkingsactiviteit: 'VA-SD-05' }),
  // A refused look counts as a refusal, not as an access.
  entry({ traceId: trace(4), tijdstip: '2026-11-03T09:00:00.000Z', actor: { sub: 'partner-1', organisatie: 'mee', rollen: ['partner'] }, doel: 'INTEGRALE_AANPAK', verwerkingsactiviteit: 'VA-SD-05', status: 'GEWEIGERD', verstrekt: [], geweigerd: [{ veld: 'Persoon.wmo', code: 'CONSENT_REQUIRED' }, { veld: 'Persoon.jeugd', code: 'CONSENT_REQUIRED' }] }),
  entry({ traceId: trace(5), tijdstip: '2026-11-09T09:00:00.000Z', status: 'GEDEELTELIJK', geweigerd: [{ veld: 'WmoVoorziening.productCode', code: 'FORBIDDEN' }] }),
  // The gateway's request record: no subject, not an access.
  entry({ traceId: trace(5), tijdstip: '2026-11-09T09:00:01.000Z', soort: 'VERZOEK', bron: 'gateway', betrokkene: null, verstrekt: [], status: 'VOLTOOID', httpStatus: 200 }),
  // Outside the period asked for.
  entry({ traceId: trace(6), tijdstip: '2026-12-01T09:00:00.000Z' }),
];

describe.each(BACKENDS)('audit log filters and counts on %s', (name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: AuditStore;
  let reports: AuditReports;

  beforeAll(async () => {
    ({ db, drop } = await open());
    store = new AuditStore({ db, signer: AuditSigner.generate('test-key'), signIntervalMs: 0 });
    await store.append(LOG);
    reports = createAuditReports(db, { register, verify: () => Promise.reject(new Error('not here')) }, new OpaqueIds('tellingen-test-id-key-of-32-characters'), reportLabels({ organisations: loadOrganisations() }));
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  const period = { van: '2026-11-01T00:00:00+01:00', tot: '2026-11-30T00:00:00+01:00' };

  it('filters auditRecords on purpose in the database, newest first, paging on', async () => {
    const first = await reports.records({ doel: 'INTEGRALE_AANPAK' }, 1, null);
    expect(first.edges.map((e) => e.node.traceId)).toEqual([trace(4)]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await reports.records({ doel: 'INTEGRALE_AANPAK' }, 10, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.traceId)).toEqual([trace(3)]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await reports.records({ doel: 'WMO_ONDERSTEUNING', organisatie: 'mee' }, 10, null)).edges).toEqual([]);
    expect((await reports.records({ doel: 'GEEN_DOEL' }, 10, null)).edges).toEqual([]);
  });

  it('counts accesses per organisation and per purpose by Amsterdam day: one person in one request, refusals left out', async () => {
    const perOrganisatie = await reports.tellingen({ per: 'ORGANISATIE', interval: 'DAG', ...period });
    expect(perOrganisatie.tellingen).toEqual([
      { periode: '2026-11-02', sleutel: 'gemeente', aantal: 2 },
      { periode: '2026-11-03', sleutel: 'mee', aantal: 1 },
      { periode: '2026-11-09', sleutel: 'gemeente', aantal: 1 },
    ]);
    const perDoel = await reports.tellingen({ per: 'DOEL', interval: 'WEEK', ...period });
    expect(perDoel).toMatchObject({ per: 'DOEL', interval: 'WEEK', van: '2026-10-31T23:00:00.000Z', tot: '2026-11-29T23:00:00.000Z' });
    expect(perDoel.tellingen).toEqual([
      { periode: '2026-11-02', sleutel: 'INTEGRALE_AANPAK', aantal: 1 },
      { periode: '2026-11-02', sleutel: 'WMO_ONDERSTEUNING', aantal: 2 },
      { periode: '2026-11-09', sleutel: 'WMO_ONDERSTEUNING', aantal: 1 },
    ]);
    const filtered = await reports.tellingen({ per: 'DOEL', interval: 'DAG', ...period, organisatie: 'mee', doel: 'INTEGRALE_AANPAK' });
    expect(filtered.tellingen).toEqual([{ periode: '2026-11-03', sleutel: 'INTEGRALE_AANPAK', aantal: 1 }]);
  });

  it('counts refusals once per record per code', async () => {
    const r = await reports.tellingen({ per: 'WEIGERCODE', interval: 'DAG', ...period });
    expect(r.tellingen).toEqual([
      { periode: '2026-11-03', sleutel: 'CONSENT_REQUIRED', aantal: 1 },
      { periode: '2026-11-09', sleutel: 'FORBIDDEN', aantal: 1 },
    ]);
  });

  it('refuses a missing, reversed or too long period, and more counts than it returns, as BAD_USER_INPUT', async () => {
    await expect(reports.tellingen({ per: 'DOEL', interval: 'DAG', van: '2026-11-30', tot: '2026-11-01' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(reports.tellingen({ per: 'DOEL', interval: 'DAG', van: '2025-01-01', tot: '2026-11-01' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(reports.tellingen({ per: 'DOEL', interval: 'DAG', van: '', tot: '2026-11-01' } as never)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(MAX_TELLINGEN).toBeGreaterThanOrEqual(366 * 25);
  });

  // The planner's choice is Postgres's; PGlite is one connection in memory, where it does not matter.
  (name === 'Postgres' ? it : it.skip)('uses the indexes of migration 012 for the LDV activity selection and the purpose filter', async () => {
    // The log in a test is tiny: without this the planner reads the whole table, which is right for 8 rows.
    const plan = (sql: string, params: unknown[]) =>
      db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const ldv = await plan(
      "SELECT id FROM audit_record WHERE verwerkingsactiviteit = $1 AND tijdstip >= $2::timestamptz AND tijdstip <= $3::timestamptz ORDER BY tijdstip, id LIMIT 1001",
      ['VA-SD-05', '2026-11-01T00:00:00Z', '2026-11-30T00:00:00Z'],
    );
    expect(ldv).toMatch(/Index (Only )?Scan using audit_record_verwerkingsactiviteit/);
    // Ordered by the index itself: no sort step for the LDV answer's order.
    expect(ldv).not.toMatch(/\bSort\b/);
    const doel = await plan('SELECT id FROM audit_record WHERE doel = $1 ORDER BY tijdstip DESC, id DESC LIMIT 51', ['INTEGRALE_AANPAK']);
    expect(doel).toMatch(/Index (Only )?Scan Backward using audit_record_doel/);
    const counts = await plan(
      "SELECT (tijdstip AT TIME ZONE 'Europe/Amsterdam')::date, doel, count(*) FROM audit_record WHERE tijdstip >= $1::timestamptz AND tijdstip < $2::timestamptz AND doel = $3 GROUP BY 1, 2",
      ['2026-11-01T00:00:00Z', '2026-11-30T00:00:00Z', 'WMO_ONDERSTEUNING'],
    );
    expect(counts).toMatch(/Index (Only )?Scan using audit_record_doel|Bitmap Index Scan on audit_record_doel/);
    // And the LDV read itself still answers through it.
    expect((await readLdvRecords(db, { verwerkingsactiviteit: 'VA-SD-05', matchesNothing: false }, 10)).map((r) => r.traceId)).toEqual([trace(3), trace(4)]);
  });
});
