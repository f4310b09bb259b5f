import { LDV_PATH, type LdvProcessingActivity } from '../../audit';
import { specValidators } from '../../audit/testing/ldv-spec';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The audit log read by the municipality's other Logboek Dataverwerkingen tools, through the
 * real hub: a consulent's read of 999990019 found again by trace, by data subject and by
 * processing activity, in the records the LDV "lezen" extension defines; refused without a
 * selector and for anyone but the privacy officer; and every read of it in the log itself.
 */

const REGISTER = 'https://gemeente.example/verwerkingsregister/';
const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_TRACE_UUID = '4bf92f35-77b3-4da6-a3ce-929d0e0e4736';

const WMO_QUERY = `query WmoDossier { persoon(burgerservicenummer: "999990019") {
  naam { volledigeNaam } wmo { voorzieningen { productCode ingangsdatum } } } }`;

const RECORDS = `query($filter: AuditFilter!) { auditRecords(filter: $filter, first: 100) {
  edges { node { soort bron traceId doel verwerkingsactiviteit { id } betrokkene operatie verstrekt geweigerd { veld code } httpStatus actor { sub } } } } }`;

type Node = Record<string, any>;

describe('the audit log through the LDV read API (Postgres)', () => {
  let t: TestHub;
  let since: number;
  const spec = specValidators();

  const ldv = async (body: unknown, as: { role?: 'privacy-officer' | 'wmo-consulent'; purpose?: string; headers?: Record<string, string> } = {}) => {
    const role = as.role ?? 'privacy-officer';
    const res = await fetch(t.hub.url.replace(/\/graphql$/, LDV_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token(role)}`, 'x-purpose': as.purpose ?? (role === 'privacy-officer' ? 'AUDIT' : 'WMO_ONDERSTEUNING'), ...as.headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), traceparent: res.headers.get('traceparent'), apiVersion: res.headers.get('api-version'), body: (await res.json()) as Node };
  };
  const anonymousLdv = async () => {
    const res = await fetch(t.hub.url.replace(/\/graphql$/, LDV_PATH), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ traceId: CLIENT_TRACE }) });
    return { status: res.status, type: res.headers.get('content-type'), wwwAuthenticate: res.headers.get('www-authenticate'), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Node };
  };
  const found = async (body: object): Promise<LdvProcessingActivity[]> => {
    const res = await ldv(body);
    expect(res.status).toBe(200);
    expect({ valid: spec.list(res.body), errors: spec.list.errors }).toEqual({ valid: true, errors: null });
    return res.body.processingActivities;
  };
  const records = async (filter: object): Promise<Node[]> => {
    const res = await t.query('privacy-officer', 'AUDIT', RECORDS, { variables: { filter } });
    expect(res.errors).toBeUndefined();
    return res.data!.auditRecords.edges.map((e: { node: Node }) => e.node);
  };

  beforeAll(async () => {
    t = await startTestHub({ env: { LDV_REGISTER_BASE_URI: REGISTER, RATE_LIMITS: 'default=1000000,partner=1000000,anonymous=4' } });
    since = Date.now();
    const res = await t.post({ query: WMO_QUERY, operationName: 'WmoDossier' }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING', traceparent: `00-${CLIENT_TRACE}-b7ad6b7169203331-01` });
    expect(res.body.errors).toBeUndefined();
  });
  afterAll(() => t?.close());

  it("finds the consulent's read by its trace: the gateway's request and each part's processing of 999990019 under it", async () => {
    const trace = await found({ traceId: CLIENT_TRACE_UUID });
    const gateway = trace.find((r) => r.name === 'gateway: verzoek WmoDossier')!;
    expect(gateway).toMatchObject({ traceId: CLIENT_TRACE_UUID, status: 'Ok', attributes: { 'dpl.core.processing_activity_id': `${REGISTER}VA-SD-01` } });
    expect(gateway.attributes).not.toHaveProperty('dpl.core.data_subject_id');
    const parts = trace.filter((r) => r !== gateway);
    expect(parts.map((r) => r.name).sort()).toEqual(['brp: verwerking WmoDossier', 'wmo: verwerking WmoDossier']);
    for (const r of parts) {
      expect(r).toMatchObject({
        traceId: CLIENT_TRACE_UUID,
        parentSpanId: gateway.spanId,
        status: 'Ok',
        startTime: expect.any(Number),
        attributes: { 'dpl.core.processing_activity_id': `${REGISTER}VA-SD-01`, 'dpl.core.data_subject_id': '999990019', 'dpl.core.data_subject_id_type': 'BSN' },
      });
      expect(r.startTime).toBeGreaterThanOrEqual(since - 1000);
    }
    expect(new Set(trace.map((r) => r.spanId)).size).toBe(trace.length);
    // The trace id as traceparent carries it finds the same records.
    expect((await found({ traceId: CLIENT_TRACE })).map((r) => r.spanId)).toEqual(trace.map((r) => r.spanId));
  });

  it('finds them by data subject and by processing activity, narrowed by time', async () => {
    const bySubject = await found({ 'dpl.core.data_subject_id': '999990019', 'dpl.core.data_subject_id_type': 'BSN', startTime: since - 1000 });
    expect(bySubject.filter((r) => r.traceId === CLIENT_TRACE_UUID).map((r) => r.name).sort()).toEqual(['brp: verwerking WmoDossier', 'wmo: verwerking WmoDossier']);
    expect(bySubject.every((r) => r.attributes['dpl.core.data_subject_id'] === '999990019')).toBe(true);
    // The privacy officer's own read by trace, above, is among them: under the supervision activity.
    expect(bySubject).toContainEqual(expect.objectContaining({ name: `audit: verwerking POST ${LDV_PATH}`, attributes: expect.objectContaining({ 'dpl.core.processing_activity_id': `${REGISTER}VA-SD-06` }) }));

    const byActivity = await found({ 'dpl.core.processing_activity_id': `${REGISTER}VA-SD-01`, startTime: since - 1000, endTime: Date.now() + 1000 });
    expect(byActivity.filter((r) => r.traceId === CLIENT_TRACE_UUID)).toHaveLength(3);
    expect(byActivity.every((r) => r.attributes['dpl.core.processing_activity_id'] === `${REGISTER}VA-SD-01`)).toBe(true);
    expect(await found({ 'dpl.core.processing_activity_id': `${REGISTER}VA-SD-01`, endTime: since - 60_000 })).toEqual([]);
  });

  it('is 400 in problem JSON without a trace, activity or subject', async () => {
    for (const body of [{}, { startTime: since }, { 'dpl.core.data_subject_id_type': 'BSN' }]) {
      const res = await ldv(body);
      expect(res).toMatchObject({ status: 400, type: 'application/problem+json; charset=utf-8', apiVersion: '1.1.0', body: { status: 400, code: 'BAD_REQUEST', errors: [{ in: 'body', location: '#', code: 'required' }] } });
      expect(spec.problem(res.body)).toBe(true);
    }
    const res = await ldv({ 'dpl.core.data_subject_id': '999990018' });
    expect(res.body.errors).toEqual([expect.objectContaining({ location: '#/dpl.core.data_subject_id', code: 'format' })]);
    expect(JSON.stringify(res.body)).not.toContain('999990018');
  });

  it('refuses a consulent with 403, and the gateway refuses who may not claim the purpose or has no token', async () => {
    const res = await ldv({ 'dpl.core.data_subject_id': '999990019' }, { role: 'wmo-consulent' });
    expect(res).toMatchObject({ status: 403, type: 'application/problem+json; charset=utf-8', body: { status: 403, code: 'FORBIDDEN' } });
    expect(res.body).not.toHaveProperty('processingActivities');
    // The refusal is in the log, about the person asked for.
    const refused = (await records({ betrokkene: '999990019', actor: 'dev-wmo-consulent' })).filter((r) => r.bron === 'audit');
    expect(refused).toEqual([expect.objectContaining({ soort: 'VERWERKING', verstrekt: [], geweigerd: [{ veld: 'LDV.processingActivities', code: 'FORBIDDEN' }] })]);

    // The gateway's shared guard refuses in this API's format (problem JSON), not GraphQL's.
    expect(await ldv({ traceId: CLIENT_TRACE }, { purpose: 'WMO_ONDERSTEUNING' })).toMatchObject({ status: 403, type: 'application/problem+json; charset=utf-8', body: { status: 403, title: 'Forbidden', code: 'PURPOSE_NOT_ALLOWED' } });
    const anonymous = await anonymousLdv();
    expect(anonymous).toMatchObject({ status: 401, type: 'application/problem+json; charset=utf-8', body: { status: 401, title: 'Unauthorized', code: 'UNAUTHENTICATED', detail: expect.any(String) } });
    expect(anonymous.body).not.toHaveProperty('errors');
    expect(anonymous.wwwAuthenticate).toBe('Bearer realm="ontschot"');
  });

  it('answers the rate limit in problem JSON too, with Retry-After', async () => {
    // RATE_LIMITS gives anonymous callers 4 a window; the test above spent one.
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof anonymousLdv>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await anonymousLdv();
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last).toMatchObject({ type: 'application/problem+json; charset=utf-8', body: { status: 429, title: 'Too Many Requests', code: 'RATE_LIMITED' } });
    expect(Number(last!.retryAfter)).toBeGreaterThan(0);
  });

  it("writes every read to the log before it answers: the person's entries were read, by whom, on which trace", async () => {
    const res = await ldv({ 'dpl.core.data_subject_id': '999990019' }, { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    expect(res.status).toBe(200);
    expect(res.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    const logged = (await records({ actor: 'dev-privacy-officer' })).filter((r) => r.traceId === '0af7651916cd43dd8448eb211c80319c');
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ soort: 'VERWERKING', bron: 'audit', doel: 'AUDIT', verwerkingsactiviteit: { id: 'VA-SD-06' }, betrokkene: '999990019', verstrekt: ['LDV.processingActivities'], operatie: `POST ${LDV_PATH}` }),
        expect.objectContaining({ soort: 'VERZOEK', bron: 'gateway', betrokkene: null, httpStatus: 200, operatie: `POST ${LDV_PATH}` }),
      ]),
    );
  });

  it('answers nothing but 503 while the read cannot be written to the log', async () => {
    await t.hub.db.exec(`CREATE FUNCTION ldv_e2e_vol() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$;
                         CREATE TRIGGER ldv_e2e_vol BEFORE INSERT ON audit_record FOR EACH ROW WHEN (NEW.bron = 'audit') EXECUTE FUNCTION ldv_e2e_vol();`);
    try {
      const res = await ldv({ traceId: CLIENT_TRACE });
      expect(res).toMatchObject({ status: 503, type: 'application/problem+json; charset=utf-8', body: { code: 'SOURCE_UNAVAILABLE' } });
      expect(res.body).not.toHaveProperty('processingActivities');
    } finally {
      await t.hub.db.exec('DROP TRIGGER ldv_e2e_vol ON audit_record; DROP FUNCTION ldv_e2e_vol();');
    }
    expect((await ldv({ traceId: CLIENT_TRACE })).status).toBe(200);
  });
});
