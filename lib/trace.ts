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
  // One draw for both ids: each call to the random source has a fixed cost, paid per request.
  const random = randomBytes(24);
  const traceId = joined?.traceId ?? random.toString('hex', 0, 16);
  const spanId = random.toString('hex', 16, 24);
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${joined?.flags ?? '01'}` };
}

const traces = new WeakMap<object, RequestTrace>();

/**
 * The trace of a request at the edge, made once per request from its `traceparent`: the edge
 * span (lib/tracing.ts), the answer's `traceparent`, the audit records and the request's log line
 * all carry these ids.
 */
export function traceOf(request: { headers: IncomingHttpHeaders }): RequestTrace {
  let trace = traces.get(request);
  if (!trace) traces.set(request, (trace = requestTrace(request.headers.traceparent)));
  return trace;
}
