import { randomBytes } from 'node:crypto';

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

export function requestTrace(header: string | string[] | undefined): RequestTrace {
  const m = (Array.isArray(header) ? header[0] : header)?.trim().match(/^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/);
  const joined = m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2]) ? { traceId: m[1], flags: m[3] } : null;
  const traceId = joined?.traceId ?? randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${joined?.flags ?? '01'}` };
}
