import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Db } from '../lib/db';
import { loadConfig } from '../lib/config';
import { loadRules, type Actor, type Purpose } from '../policy';
import { ldvRecord, ldvRoutes, ldvStatus, LDV_COORDINATE, LDV_PATH, parseLdvRequest, readLdvRecords, traceIdAsUuid, type LdvProblem, type LdvQuery } from './ldv';
import type { AuditEntry, AuditRecord, AuditStatus } from './record';
import { loadVerwerkingsregister } from './register';
import { AuditSigner } from './signing';
import { AuditStore } from './store';
import { BACKENDS, rowFromRecord } from './testing/backends';
import { SPEC_EXAMPLE_RECORD, specValidators } from './testing/ldv-spec';

const BASE = 'https://gemeente.example/verwerkingsregister/';
const register = loadVerwerkingsregister();
const spec = specValidators();

/** The OpenAPI's example trace id (ef4e77b9-b03b-585f-b613-5fcf8d8555fb) as the W3C trace id the hub stores. */
const SPEC_TRACE = 'ef4e77b9b03b585fb6135fcf8d8555fb';
/** The OpenAPI's example span id, here the gateway's span of the request. */
const SPEC_SPAN = 'beb0291b5162d850';
/** The OpenAPI's example start and end time (ms), 2025-11-25T11:01:10.669Z. */
const SPEC_TIME = 1764068470669;

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    tijdstip: new Date(SPEC_TIME).toISOString(),
    soort: 'VERWERKING',
    bron: 'wmo',
    traceId: SPEC_TRACE,
    spanId: SPEC_SPAN,
    verwerkingsactiviteit: 'VA-SD-01',
    betrokkene: { id: '999990019', type: 'BSN' },
    actor: { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
    doel: 'WMO_ONDERSTEUNING',
    operatie: 'WmoDossier',
    documentHash: null,
    verstrekt: ['Persoon.wmo', 'WmoDossier.voorzieningen'],
    geweigerd: [],
    status: 'VERSTREKT',
    httpStatus: null,
    ...overrides,
  };
}

function request(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return entry({ soort: 'VERZOEK', bron: 'gateway', betrokkene: null, verstrekt: [], status: 'VOLTOOID', httpStatus: 200, ...overrides });
}

const problemOf = (r: ReturnType<typeof parseLdvRequest>): LdvProblem => {
  if (!('problem' in r)) throw new Error('expected a problem');
  return r.problem;
};
const queryOf = (r: ReturnType<typeof parseLdvRequest>): LdvQuery => {
  if (!('query' in r)) throw new Error(`expected a query, got ${JSON.stringify(r.problem)}`);
  return r.query;
};

describe('an audit record as an LDV log record', () => {
  it("gives a part's record of 999990019 exactly the values of the OpenAPI's example, in its formats", () => {
    const ldv = ldvRecord(entry(), BASE);
    expect(ldv).toEqual({
      traceId: 'ef4e77b9-b03b-585f-b613-5fcf8d8555fb',
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      parentSpanId: SPEC_SPAN,
      status: 'Ok',
      name: 'wmo: verwerking WmoDossier',
      startTime: SPEC_TIME,
      endTime: SPEC_TIME,
      resource: { attributes: { 'service.namespace': 'ontschot', 'service.name': 'wmo' } },
      attributes: {
        'dpl.core.processing_activity_id': `${BASE}VA-SD-01`,
        'dpl.core.data_subject_id': '999990019',
        'dpl.core.data_subject_id_type': 'BSN',
      },
    });
    expect(ldv.traceId).toBe(SPEC_EXAMPLE_RECORD.traceId);
    expect(ldv.startTime).toBe(SPEC_EXAMPLE_RECORD.startTime);
    expect(ldv.attributes['dpl.core.data_subject_id_type']).toBe(SPEC_EXAMPLE_RECORD.attributes['dpl.core.data_subject_id_type']);
  });

  it("is valid by the extension's schema, as the spec's own example is, and has the example's fields with the same types", () => {
    // The restated schema takes the spec's example: it says what the spec says.
    expect(spec.record(SPEC_EXAMPLE_RECORD)).toBe(true);
    const ours = [ldvRecord(entry(), BASE), ldvRecord(request(), BASE), ldvRecord(entry(), 'urn:ontschot:verwerkingsactiviteit:')];
    for (const r of ours) expect({ valid: spec.record(r), errors: spec.record.errors }).toEqual({ valid: true, errors: null });
    expect(spec.list({ processingActivities: ours })).toBe(true);

    const shape = (o: object): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v]));
    const part = ours[0];
    expect(shape(part)).toEqual({ ...shape(SPEC_EXAMPLE_RECORD), resource: 'object' });
    expect(Object.keys(part.attributes).sort()).toEqual(Object.keys(SPEC_EXAMPLE_RECORD.attributes).sort());
  });

  it("keeps the gateway's span for its request record, with no subject, and hangs each part's record under it with a span of its own", () => {
    const gateway = ldvRecord(request(), BASE);
    expect(gateway).toMatchObject({ spanId: SPEC_SPAN, status: 'Ok', name: 'gateway: verzoek WmoDossier' });
    expect(gateway).not.toHaveProperty('parentSpanId');
    expect(gateway.attributes).toEqual({ 'dpl.core.processing_activity_id': `${BASE}VA-SD-01` });

    const a = entry();
    const b = entry({ bron: 'brp' });
    const spans = [ldvRecord(a, BASE).spanId, ldvRecord(b, BASE).spanId];
    expect(new Set([...spans, SPEC_SPAN]).size).toBe(3);
    // The same record gets the same span on every read.
    expect(ldvRecord(a, BASE).spanId).toBe(spans[0]);
    expect(ldvRecord(entry({ operatie: null }), BASE).name).toBe('wmo: verwerking');
  });

  it("marks as Error only what failed inside the hub; refusals and invalid requests are Unset, as the core standard says", () => {
    const all: Record<AuditStatus, string> = { VERSTREKT: 'Ok', GEDEELTELIJK: 'Ok', VOLTOOID: 'Ok', GEWEIGERD: 'Unset', ONGELDIG: 'Unset', MISLUKT: 'Error' };
    for (const [status, expected] of Object.entries(all)) expect(ldvStatus(status as AuditStatus)).toBe(expected);
  });

  it('writes a W3C trace id as the UUID of the same 16 bytes', () => {
    expect(traceIdAsUuid('0af7651916cd43dd8448eb211c80319c')).toBe('0af76519-16cd-43dd-8448-eb211c80319c');
  });
});

describe('an LDV read request', () => {
  const parse = (body: unknown) => parseLdvRequest(body, BASE);

  it("takes the extension's selectors: the spec's example trace id (as a UUID or as hex), an activity URI, a subject", () => {
    expect(spec.request({ traceId: SPEC_EXAMPLE_RECORD.traceId })).toBe(true);
    // Also as the hex of a traceparent, which is how the rest of the hub (auditRecords) shows it.
    for (const body of [{ traceId: SPEC_EXAMPLE_RECORD.traceId }, { traceId: SPEC_TRACE }, { traceId: SPEC_EXAMPLE_RECORD.traceId.toUpperCase() }]) {
      expect(queryOf(parse(body))).toEqual({ traceId: SPEC_TRACE, matchesNothing: false });
    }
    expect(queryOf(parse({ 'dpl.core.processing_activity_id': `${BASE}VA-SD-01`, startTime: SPEC_TIME, endTime: SPEC_TIME + 1000 }))).toEqual({
      verwerkingsactiviteit: 'VA-SD-01',
      startTime: SPEC_TIME,
      endTime: SPEC_TIME + 1000,
      matchesNothing: false,
    });
    const subject = { 'dpl.core.data_subject_id': '999990019', 'dpl.core.data_subject_id_type': 'BSN' };
    expect(spec.request(subject)).toBe(true);
    expect(queryOf(parse(subject))).toEqual({ betrokkene: '999990019', betrokkeneType: 'BSN', matchesNothing: false });
    expect(queryOf(parse({ 'dpl.core.data_subject_id': '999990019' }))).toEqual({ betrokkene: '999990019', matchesNothing: false });
  });

  it('matches nothing for what this log never holds: another register, another kind of subject id, another attribute', () => {
    expect(queryOf(parse({ 'dpl.core.processing_activity_id': SPEC_EXAMPLE_RECORD.attributes['dpl.core.processing_activity_id'] })).matchesNothing).toBe(true);
    expect(queryOf(parse({ 'dpl.core.data_subject_id': 'P-1234', 'dpl.core.data_subject_id_type': 'Personeelsnummer' })).matchesNothing).toBe(true);
    expect(queryOf(parse({ traceId: SPEC_TRACE, 'dpl.core.foreign_operation.processor': 'https://rdw.example' })).matchesNothing).toBe(true);
    expect(queryOf(parse({ traceId: SPEC_TRACE })).matchesNothing).toBe(false);
  });

  it('is 400 in problem JSON without a trace, activity or subject, also with times alone', () => {
    for (const body of [{}, { startTime: SPEC_TIME }, { startTime: SPEC_TIME, endTime: SPEC_TIME }, { 'dpl.core.data_subject_id_type': 'BSN' }]) {
      const problem = problemOf(parse(body));
      expect(problem).toMatchObject({ status: 400, code: 'BAD_REQUEST', errors: [{ in: 'body', location: '#', code: 'required' }] });
      expect(spec.problem(problem)).toBe(true);
    }
    expect(problemOf(parse(undefined)).errors).toEqual([expect.objectContaining({ location: '#', code: 'type' })]);
    expect(problemOf(parse([{ traceId: SPEC_TRACE }])).errors).toEqual([expect.objectContaining({ location: '#', code: 'type' })]);
  });

  it('names every wrong property, never its value', () => {
    const problem = problemOf(
      parse({ traceId: 'not-a-trace', 'dpl.core.data_subject_id': '999990018', startTime: -1, endTime: '1764068470669', 'dpl.core.processing_activity_id': 'VA-SD-01', attributes: {} }),
    );
    expect(problem.errors!.map((e) => `${e.location} ${e.code}`).sort()).toEqual([
      '#/attributes unknown',
      '#/dpl.core.data_subject_id format',
      '#/dpl.core.processing_activity_id format',
      '#/endTime format',
      '#/startTime format',
      '#/traceId format',
    ]);
    expect(JSON.stringify(problem)).not.toMatch(/999990018|not-a-trace/);
    expect(spec.problem(problem)).toBe(true);
    expect(problemOf(parse({ traceId: '0'.repeat(32) })).errors![0].location).toBe('#/traceId');
    expect(problemOf(parse({ traceId: SPEC_TRACE, startTime: SPEC_TIME, endTime: SPEC_TIME - 1 })).errors![0]).toMatchObject({ location: '#/endTime', code: 'range' });
  });
});

describe('LDV_REGISTER_BASE_URI', () => {
  it('defaults to a URN, and takes an absolute URI that ends in / or :', () => {
    expect(loadConfig({}).LDV_REGISTER_BASE_URI).toBe('urn:ontschot:verwerkingsactiviteit:');
    expect(loadConfig({ LDV_REGISTER_BASE_URI: BASE }).LDV_REGISTER_BASE_URI).toBe(BASE);
    for (const bad of ['verwerkingsregister/', 'https://gemeente.example/register', 'https://gemeente.example/register?id=', 'https://gemeente.example/#/']) {
      expect(() => loadConfig({ LDV_REGISTER_BASE_URI: bad })).toThrow(/LDV_REGISTER_BASE_URI/);
    }
  });
});

describe.each(BACKENDS)('reading LDV records on %s', (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: AuditStore;
  const at = (ms: number) => new Date(SPEC_TIME + ms).toISOString();

  beforeAll(async () => {
    ({ db, drop } = await open());
    store = new AuditStore({ db, signer: AuditSigner.generate('test-key'), signIntervalMs: 0 });
    const other = 'aa'.repeat(16);
    await store.append([
      request({ tijdstip: at(5) }),
      entry({ tijdstip: at(1) }),
      entry({ tijdstip: at(2), bron: 'brp' }),
      entry({ tijdstip: at(3), traceId: other, betrokkene: { id: '999990007', type: 'BSN' } }),
      entry({ tijdstip: at(4), traceId: other, verwerkingsactiviteit: 'VA-SD-02', doel: 'JEUGDHULP', betrokkene: { id: '999990032', type: 'BSN' } }),
    ]);
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const read = async (body: object, limit = 100) => (await readLdvRecords(db, queryOf(parseLdvRequest(body, BASE)), limit)).map((r) => `${r.bron} ${r.betrokkene?.id ?? '-'} +${Date.parse(r.tijdstip) - SPEC_TIME}`);

  it("finds every record of the spec's example trace, oldest first", async () => {
    expect(await read({ traceId: SPEC_EXAMPLE_RECORD.traceId })).toEqual(['wmo 999990019 +1', 'brp 999990019 +2', 'gateway - +5']);
  });

  it('finds by processing activity and by data subject, narrowed by start and end time (inclusive)', async () => {
    expect(await read({ 'dpl.core.processing_activity_id': `${BASE}VA-SD-02` })).toEqual(['wmo 999990032 +4']);
    expect(await read({ 'dpl.core.processing_activity_id': `${BASE}VA-SD-01`, startTime: SPEC_TIME + 2, endTime: SPEC_TIME + 3 })).toEqual(['brp 999990019 +2', 'wmo 999990007 +3']);
    expect(await read({ 'dpl.core.data_subject_id': '999990019', 'dpl.core.data_subject_id_type': 'BSN' })).toEqual(['wmo 999990019 +1', 'brp 999990019 +2']);
    expect(await read({ 'dpl.core.data_subject_id': '999990019', endTime: SPEC_TIME + 1 })).toEqual(['wmo 999990019 +1']);
    expect(await read({ 'dpl.core.data_subject_id': '999990020' })).toEqual([]);
    expect(await read({ traceId: SPEC_TRACE }, 2)).toHaveLength(2);
  });

  it('reads nothing for a selection this log cannot hold', async () => {
    expect(await read({ 'dpl.core.processing_activity_id': 'http://boerenkoolstronkerade.el/verwerkingenregister' })).toEqual([]);
  });
});

describe('the LDV read API routes', () => {
  const officer: Actor = { sub: 'fg-1', organisatie: 'gemeente', rollen: ['privacy-officer'] };
  const consulent: Actor = { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] };
  const stored: AuditRecord[] = [
    { ...entry({ tijdstip: new Date(SPEC_TIME + 1).toISOString() }), stroom: 'wmo:x', volgnummer: 1, hash: 'a'.repeat(64) },
    { ...request({ tijdstip: new Date(SPEC_TIME + 2).toISOString() }), stroom: 'gateway:x', volgnummer: 1, hash: 'b'.repeat(64) },
  ];
  let appended: AuditEntry[][];
  let failAppend: boolean;

  async function app(options: { maxRecords?: number } = {}) {
    appended = [];
    failAppend = false;
    const db = { query: async () => stored.map(rowFromRecord) } as unknown as Db;
    const audit = {
      register,
      store: {
        append: async (entries: AuditEntry[]) => {
          if (failAppend) throw new Error('disk full');
          appended.push(entries);
        },
      },
    };
    const server = Fastify();
    const caller = (req: { headers: Record<string, unknown> }): { actor: Actor; purpose: Purpose } =>
      req.headers['x-test-role'] === 'wmo-consulent' ? { actor: consulent, purpose: 'WMO_ONDERSTEUNING' } : { actor: officer, purpose: 'AUDIT' };
    await ldvRoutes({ db, audit, rules: loadRules(), registerBaseUri: BASE, ...options })(server, { onRequest: [], caller });
    await server.listen({ port: 0, host: '127.0.0.1' });
    return { url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}${LDV_PATH}`, close: () => server.close() };
  }
  const post = async (server: Awaited<ReturnType<typeof app>>, payload: object, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url, { method: 'POST', body: JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json(), headers: Object.fromEntries(res.headers) };
  };

  it('answers the records and first writes who read whose log entries, and the request, in one append', async () => {
    const server = await app();
    const res = await post(server, { traceId: SPEC_EXAMPLE_RECORD.traceId }, { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` });
    expect(res).toMatchObject({ status: 200, type: 'application/json; charset=utf-8', headers: { 'api-version': '1.1.0', 'cache-control': 'no-store' } });
    expect(spec.list(res.body)).toBe(true);
    expect(res.body.processingActivities.map((r: { name: string }) => r.name)).toEqual(['wmo: verwerking WmoDossier', 'gateway: verzoek WmoDossier']);
    expect(appended).toHaveLength(1);
    const [subject, unscoped, req] = appended[0];
    expect(subject).toMatchObject({ soort: 'VERWERKING', bron: 'audit', doel: 'AUDIT', verwerkingsactiviteit: 'VA-SD-06', betrokkene: { id: '999990019', type: 'BSN' }, verstrekt: [LDV_COORDINATE], actor: officer, traceId: '1'.repeat(32) });
    expect(unscoped).toMatchObject({ soort: 'VERWERKING', betrokkene: null, verstrekt: [LDV_COORDINATE] });
    expect(req).toMatchObject({ soort: 'VERZOEK', bron: 'gateway', httpStatus: 200, status: 'VOLTOOID', operatie: `POST ${LDV_PATH}`, documentHash: null });
    expect(res.headers.traceparent).toMatch(new RegExp(`^00-${'1'.repeat(32)}-${req.spanId}-01$`));
    await server.close();
  });

  it('answers nothing but 503 when the read cannot be written to the log', async () => {
    const server = await app();
    failAppend = true;
    const res = await post(server, { traceId: SPEC_TRACE });
    expect(res).toMatchObject({ status: 503, type: 'application/problem+json; charset=utf-8', body: { status: 503, code: 'SOURCE_UNAVAILABLE' } });
    expect(JSON.stringify(res.body)).not.toContain('999990019');
    await server.close();
  });

  it('refuses a consulent with 403 and records the refusal about the person asked for', async () => {
    const server = await app();
    const res = await post(server, { 'dpl.core.data_subject_id': '999990019' }, { 'x-test-role': 'wmo-consulent' });
    expect(res).toMatchObject({ status: 403, type: 'application/problem+json; charset=utf-8', body: { status: 403, title: 'Forbidden', code: 'FORBIDDEN' } });
    expect(spec.problem(res.body)).toBe(true);
    expect(appended[0].map((e) => [e.soort, e.betrokkene?.id ?? null, e.geweigerd, e.httpStatus])).toEqual([
      ['VERWERKING', '999990019', [{ veld: LDV_COORDINATE, code: 'FORBIDDEN' }], null],
      ['VERZOEK', null, [], 403],
    ]);
    await server.close();
  });

  it('is 400 without a selector and when more records match than one answer holds; 405 for GET', async () => {
    const server = await app({ maxRecords: 1 });
    expect(await post(server, { startTime: SPEC_TIME })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', errors: [{ code: 'required' }] } });
    const many = await post(server, { traceId: SPEC_TRACE });
    expect(many).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', errors: [{ code: 'too_many' }] } });
    expect(spec.problem(many.body)).toBe(true);
    // Nothing was shown: only the requests are recorded.
    expect(appended.map((a) => a.map((e) => `${e.soort} ${e.httpStatus}`))).toEqual([['VERZOEK 400'], ['VERZOEK 400']]);
    const get = await fetch(server.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    await server.close();
  });
});
