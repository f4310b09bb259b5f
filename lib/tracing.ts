import { randomBytes } from 'node:crypto';
import { context, trace, ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { parseTraceparent, type RequestTrace } from './trace';

/**
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set;
 * otherwise nothing is loaded and every helper here is one null check (`tracer` stays null).
 *
 * Spans are made by hand, never by auto-instrumentation, because what an instrumentation of http
 * or pg records (URLs, statements with their literals) could carry personal data. What a span
 * here carries: route patterns, subgraph and source names, job names, status codes, bounded
 * operation names, and for database calls the statement's kind and table, never its text or
 * parameters.
 *
 * The edge span has exactly the trace id and span id the gateway gives the request (lib/trace.ts
 * `requestTrace`), which its audit record stores, so a trace and the audit log meet on one id.
 * The SDK makes its own ids, so the edge span's are handed to it through `slot` (`SlotIds`) just
 * before it starts the span, synchronously.
 */
let tracer: Tracer | null = null;
let users = 0;
let provider: { shutdown(): Promise<void>; forceFlush(): Promise<void> } | null = null;

/** True while spans are exported. */
export function tracingOn(): boolean {
  return tracer !== null;
}

/** Ids for the next span the SDK starts, when set; random otherwise (the SDK's IdGenerator interface). */
const slot: { traceId?: string; spanId?: string } = {};
const slotIds = {
  generateTraceId(): string {
    const id = slot.traceId ?? randomBytes(16).toString('hex');
    slot.traceId = undefined;
    return id;
  },
  generateSpanId(): string {
    const id = slot.spanId ?? randomBytes(8).toString('hex');
    slot.spanId = undefined;
    return id;
  },
};

export interface TracingOptions {
  /** OTLP base URL; spans go to `<endpoint>/v1/traces`, as the OTLP exporter specification says. */
  endpoint: string;
  serviceName: string;
}

/**
 * Starts exporting spans. One provider per process, shared by every hub in it (tests start
 * several); the last `shutdown` flushes what is batched and stops it.
 */
export async function startTracing(options: TracingOptions): Promise<{ shutdown(): Promise<void> }> {
  users++;
  if (!provider) {
    const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
    const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
    const node = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      idGenerator: slotIds,
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    // The async-local-storage context manager: a span made active for a subgraph's execution is
    // the parent of the database calls its resolvers make.
    node.register();
    provider = node;
    tracer = node.getTracer('ontschot');
  }
  let done = false;
  return {
    async shutdown() {
      if (done) return;
      done = true;
      users--;
      if (users > 0 || !provider) return void (await provider?.forceFlush().catch(() => undefined));
      const stopping = provider;
      provider = null;
      tracer = null;
      await stopping.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
    },
  };
}

/** The remote parent a `traceparent` names, or null. */
function parentOf(header: string | string[] | undefined): Context | null {
  const parsed = parseTraceparent(header);
  if (!parsed) return null;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: parsed.traceId, spanId: parsed.parentId, traceFlags: parseInt(parsed.flags, 16) & TraceFlags.SAMPLED, isRemote: true });
}

/**
 * The edge span of a request with the ids of `requestTrace` (the caller's trace joined when its
 * traceparent is well-formed, the span id the hub's own). Null when traces are off.
 */
export function startEdgeSpan(name: string, header: string | string[] | undefined, requestTrace: RequestTrace, attributes: Attributes): Span | null {
  if (!tracer) return null;
  const parent = parentOf(header);
  slot.traceId = requestTrace.traceId;
  slot.spanId = requestTrace.spanId;
  try {
    return tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent ?? ROOT_CONTEXT);
  } finally {
    slot.traceId = slot.spanId = undefined;
  }
}

/** The traceparent that names `span` as the parent. */
export function traceparentOf(span: Span): string {
  const c = span.spanContext();
  return `00-${c.traceId}-${c.spanId}-0${c.traceFlags & TraceFlags.SAMPLED}`;
}

/**
 * A client span for one subgraph fetch, child of the span `traceparent` names (the edge span);
 * `send` gets the traceparent to pass on, naming this span. Without traces: `send(traceparent)`.
 */
export async function traceSubgraphFetch<T extends { status: number }>(subgraph: string, traceparent: string | undefined, send: (traceparent: string | undefined) => Promise<T>): Promise<T> {
  if (!tracer) return send(traceparent);
  const span = tracer.startSpan(`subgraph fetch ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'ontschot.subgraph': subgraph } }, parentOf(traceparent) ?? ROOT_CONTEXT);
  try {
    const res = await send(traceparentOf(span));
    span.setAttribute('http.response.status_code', res.status);
    if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return res;
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}

/**
 * A server span for a subgraph's handling of one request, child of the gateway's fetch span (its
 * `traceparent`, from the HTTP header or handed over in-process), and active while `handle` runs
 * so that the database calls beneath it are its children. `statusOf` reads the HTTP status the
 * handling ended with.
 */
export function traceSubgraphRequest<T>(subgraph: string, traceparent: string | string[] | undefined, handle: () => Promise<T>, statusOf: (result: T | undefined) => number): Promise<T> {
  if (!tracer) return handle();
  const span = tracer.startSpan(`subgraph ${subgraph}`, { kind: SpanKind.SERVER, attributes: { 'ontschot.subgraph': subgraph } }, parentOf(traceparent) ?? ROOT_CONTEXT);
  let result: T | undefined;
  return context
    .with(trace.setSpan(ROOT_CONTEXT, span), handle)
    .then((r) => (result = r))
    .finally(() => {
      const status = statusOf(result);
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
}

/** Span names of statements, by statement text: kind and table only (see `statementName`). */
const names = new Map<string, string>();

/**
 * `SELECT dossier_record`, `INSERT audit_record`: the statement's kind and its first table, read
 * from the text as identifiers only, so no literal can get into a span. Statements are a fixed
 * set written in code; the cache is bounded anyway.
 */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name) return name;
  const text = sql.replace(/--[^\n]*/g, ' ');
  const kind = text.match(/^\s*\(?\s*(WITH|SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK|CREATE|ALTER|DROP|SET|LOCK|TRUNCATE|DO)\b/i)?.[1]?.toUpperCase() ?? 'SQL';
  const table = text.match(/\b(?:FROM|INTO|UPDATE|JOIN)\s+([A-Za-z_][A-Za-z0-9_.]{0,62})/i)?.[1]?.toLowerCase();
  name = table ? `${kind} ${table}` : kind;
  if (names.size < 1000) names.set(sql, name);
  return name;
}

/**
 * A client span for one database statement, when a traced operation is active (a subgraph's
 * request, a sync job); statements outside one (the audit log's group commit, timers) make no
 * root spans of their own. `work` is the statement already under way. Without traces: `work`.
 */
export function traceDb<T>(sql: string, work: Promise<T>): Promise<T> {
  if (!tracer) return work;
  const active = context.active();
  if (!trace.getSpan(active)) return work;
  const span = tracer.startSpan(`db ${statementName(sql)}`, { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.operation.name': statementName(sql).split(' ')[0] } }, active);
  return endedWith(span, work);
}

/** Ends `span` when `work` settles, marked as an error when it fails. */
function endedWith<T>(span: Span, work: Promise<T>): Promise<T> {
  return work.then(
    (value) => {
      span.end();
      return value;
    },
    (err: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      throw err;
    },
  );
}

/** A span for one sync job attempt, a root of its own trace, active while the job runs. */
export function traceSyncJob<T>(job: string, queue: string, run: () => Promise<T>): Promise<T> {
  if (!tracer) return run();
  const span = tracer.startSpan(`sync ${job}`, { kind: SpanKind.CONSUMER, attributes: { 'ontschot.sync.job': job, 'messaging.system': 'bullmq', 'messaging.destination.name': queue } }, ROOT_CONTEXT);
  return endedWith(span, context.with(trace.setSpan(ROOT_CONTEXT, span), run));
}
