import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * OpenTelemetry export: a small OTLP/HTTP receiver (JSON) stands in for a collector; the hub,
 * started with OTEL_EXPORTER_OTLP_ENDPOINT pointing at it, sends spans for the edge, each
 * subgraph fetch, each subgraph's handling and its database calls, under the trace id the
 * response's traceparent and the audit records carry, and nothing personal.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}

const QUERY = `query WmoOverzicht($bsn: String!) { persoon(burgerservicenummer: $bsn) { naam { volledigeNaam } wmo { voorzieningen { productCategorie } } } }`;
const BSN = '999990019';

describe('OTLP trace export', () => {
  let receiver: Server;
  const bodies: string[] = [];
  let t: TestHub | undefined;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces' && /json/.test(req.headers['content-type'] ?? '')) bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('exports edge, subgraph fetch, subgraph and db spans under the trace id of the response and the audit records, without personal data', async () => {
    const { port } = receiver.address() as AddressInfo;
    t = await startTestHub({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'ontschot-test' } });
    // A new trace (no traceparent sent): the hub makes the ids, and its edge span has them.
    const res = await t.post({ query: QUERY, variables: { bsn: BSN } }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const [, traceId, spanId] = res.headers.get('traceparent')!.split('-');
    // A caller's trace is joined: same trace id, the caller's span the edge span's parent.
    const callerTrace = 'ab'.repeat(16);
    const joined = await t.post({ query: QUERY, variables: { bsn: BSN } }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING', traceparent: `00-${callerTrace}-${'cd'.repeat(8)}-01` });
    expect(joined.headers.get('traceparent')).toMatch(new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-01$`));

    const audit = await t.hub.db.query<{ bron: string; trace_id: string; span_id: string }>('SELECT bron, trace_id, span_id FROM audit_record WHERE trace_id = $1', [traceId]);
    expect(new Set(audit.map((r) => r.bron))).toEqual(new Set(['gateway', 'brp', 'wmo']));
    for (const r of audit) expect(r.span_id).toBe(spanId);

    // Closing flushes the batch of spans.
    await t.close();
    t = undefined;
    const spans: OtlpSpan[] = bodies.flatMap((b) => (JSON.parse(b) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const resources = bodies.flatMap((b) => (JSON.parse(b) as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> } }> }).resourceSpans.map((r) => r.resource));
    expect(resources.every((r) => r.attributes.some((a) => a.key === 'service.name' && a.value.stringValue === 'ontschot-test'))).toBe(true);

    const inTrace = spans.filter((s) => s.traceId === traceId);
    const edge = inTrace.find((s) => s.name === 'POST /graphql');
    expect(edge).toEqual(expect.objectContaining({ spanId }));
    expect(edge!.parentSpanId ?? '').toBe('');
    const attr = (s: OtlpSpan, key: string) => s.attributes?.find((a) => a.key === key)?.value;
    expect(attr(edge!, 'graphql.operation.name')).toEqual({ stringValue: 'WmoOverzicht' });
    expect(attr(edge!, 'http.response.status_code')).toEqual({ intValue: 200 });
    for (const subgraph of ['brp', 'wmo']) {
      const fetch = inTrace.find((s) => s.name === `subgraph fetch ${subgraph}`);
      expect(fetch).toEqual(expect.objectContaining({ parentSpanId: spanId }));
      const handled = inTrace.find((s) => s.name === `subgraph ${subgraph}`);
      expect(handled).toEqual(expect.objectContaining({ parentSpanId: fetch!.spanId }));
      const queries = inTrace.filter((s) => s.name.startsWith('db ') && s.parentSpanId === handled!.spanId);
      expect(queries.length).toBeGreaterThan(0);
    }
    const joinedEdge = spans.find((s) => s.traceId === callerTrace && s.name === 'POST /graphql');
    expect(joinedEdge).toEqual(expect.objectContaining({ parentSpanId: 'cd'.repeat(8) }));
    // Sync jobs have spans of their own, with their database calls beneath.
    const fullGws = spans.find((s) => s.name === 'sync full-gws');
    expect(fullGws).toBeDefined();
    expect(spans.some((s) => s.parentSpanId === fullGws!.spanId && s.name.startsWith('db '))).toBe(true);

    // Nothing personal anywhere in what was exported: no BSN, no query text, no variables.
    const payload = bodies.join('\n');
    expect(payload).not.toMatch(/9999[0-9]{5}/);
    expect(payload).not.toContain('burgerservicenummer');
    expect(payload).not.toContain('volledigeNaam');
    for (const s of spans.filter((x) => x.name.startsWith('db '))) expect(s.name).toMatch(/^db [A-Z]+( [a-z_][a-z0-9_.]*)?$/);
  });
});
