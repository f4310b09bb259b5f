import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import { countRefusal, observeRequest, observeSubgraphFetch, OperationLabels, roleLabel, NONE } from '../lib/metrics';
import { traceOf } from '../lib/trace';
import { startEdgeSpan, traceSubgraphFetch, tracingOn } from '../lib/tracing';

/**
 * What the gateway tells about each request: the metrics of lib/metrics.ts and, when traces are
 * exported, the edge span and a span per subgraph fetch (lib/tracing.ts). Kept out of the
 * request path's own code so that it stays a few calls there.
 */

/** Operation names as labels, process-wide: the cap holds for everything this process serves. */
const operations = new OperationLabels();

declare module 'fastify' {
  interface FastifyRequest {
    /** The operation label, set once the document passed every check (`noteOperation`). */
    operationLabel: string;
  }
}

const edgeSpans = new WeakMap<FastifyRequest, Span>();

/**
 * Counts and times every request to the guarded routes of `scope` (POST /graphql, the LDV read
 * API), shed, refused and answered alike, and opens the edge span of each when traces are on.
 */
export function observeRoutes(scope: FastifyInstance): void {
  scope.decorateRequest('operationLabel', NONE);
  if (tracingOn()) {
    scope.addHook('onRequest', async (request) => {
      const span = startEdgeSpan(`${request.method} ${request.routeOptions.url ?? 'unknown'}`, request.headers.traceparent, traceOf(request), {
        'http.request.method': request.method,
        'http.route': request.routeOptions.url ?? 'unknown',
      });
      if (span) edgeSpans.set(request, span);
    });
  }
  scope.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    observeRequest(route, request.operationLabel, reply.statusCode, roleLabel(request.caller?.roles), reply.elapsedTime / 1000);
    const span = edgeSpans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (request.operationLabel !== NONE) span.setAttribute('graphql.operation.name', request.operationLabel);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
}

/** Names the request's operation for its metrics and span: call only once the document passed every check. */
export function noteOperation(request: FastifyRequest, name: string | undefined): void {
  request.operationLabel = operations.label(name);
}

/** Counts a refusal by its code, and marks the request's edge span with it. */
export function noteRefusal(request: FastifyRequest, code: string): void {
  countRefusal(code);
  edgeSpans.get(request)?.setAttribute('ontschot.error.code', code);
}

/**
 * One subgraph fetch, timed and (with traces on) in a span of its own, whose id the subgraph
 * gets as its parent in `traceparent`.
 */
export function observeFetch<T extends { status: number }>(subgraph: string, headers: Record<string, string>, send: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const timed = () =>
    send().then(
      (res) => {
        observeSubgraphFetch(subgraph, (performance.now() - started) / 1000, false);
        return res;
      },
      (err: unknown) => {
        observeSubgraphFetch(subgraph, 0, true);
        throw err;
      },
    );
  if (!tracingOn()) return timed();
  return traceSubgraphFetch(subgraph, headers.traceparent, (traceparent) => {
    if (traceparent) headers.traceparent = traceparent;
    return timed();
  });
}
