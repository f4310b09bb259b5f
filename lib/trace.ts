import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * W3C Trace Context at the hub's doors. A request joins the caller's trace when its `traceparent`
 * is well-formed (version 00, 32-hex trace id, 16-hex parent id, 2-hex flags; all-zero ids are
 * invalid), else a new trace; either way the hub's span id is its own, random per request, so a
 * caller cannot choose the id the audit log records (docs/CONTRACT.md).
 */
export interface RequestTrace {
  traceId: string;
  spanId: string;
  /** What the hub passes on to the subgraphs and answers with. */
  traceparent: string;
}

/** A well-formed `traceparent` by the rules above, or null. */
export function parseTraceparent(header: string | string[] | undefined): { traceId: string; parentId: string; flags: string } | null {
  const m = (Array.isArray(header) ? header[0] : header)?.trim().match(/^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/);
  return m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2]) ? { traceId: m[1], parentId: m[2], flags: m[3] } : null;
}

export function requestTrace(header: string | string[] | undefined): RequestTrace {
  const joined = parseTraceparent(header);
  const traceId = joined?.traceId ?? randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${joined?.flags ?? '01'}` };
}

/**
 * The trace of a request at the edge: the one its edge span was started with when traces are
 * exported (lib/tracing.ts keeps it, so the span and the audit records share their ids), else one
 * made now from its `traceparent`.
 */
const traces = new WeakMap<object, RequestTrace>();
export function traceOf(request: { headers: IncomingHttpHeaders }): RequestTrace {
  return traces.get(request) ?? requestTrace(request.headers.traceparent);
}
export function keepTraceOf(request: object, trace: RequestTrace): void {
  traces.set(request, trace);
}
