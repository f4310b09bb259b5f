/**
 * HTTP client for the Jeugd/CJG message feed (`GET {url}/berichten?vanaf=<cursor>&aantal=<n>`).
 *
 * Resilience (cockatiel), outermost first: retry with exponential backoff on unavailability →
 * circuit breaker over consecutive failed attempts → timeout per attempt. Protocol errors (a 4xx,
 * a document that is not the feed) are not retried: asking again would get the same answer.
 * The policy itself comes from `../common/resilience.ts`.
 */
import { createResiliencePolicy, runResilient, type ResilienceFailure } from '../common/resilience';
import { SourceError } from './errors';
import { parseFeed } from './parse';
import type { JeugdBerichtRecord, RejectedBericht } from './types';

interface JeugdFeedClientOptions {
  /** Base URL of the feed service; the feed is read at `{url}/berichten`. */
  url: string;
  /**
   * Time allowed for one attempt, response body included.
   * @defaultValue 5000
   */
  timeoutMs?: number;
  /**
   * Attempts after the first one when the feed is unavailable (network error, 5xx, timeout).
   * @defaultValue 3
   */
  retries?: number;
  /**
   * Delay before the first retry; it doubles per retry, up to 5 s.
   * @defaultValue 200
   */
  retryDelayMs?: number;
  /**
   * Consecutive failed attempts after which the circuit opens and calls fail at once.
   * @defaultValue 5
   */
  breakerThreshold?: number;
  /**
   * How long an open circuit waits before letting one trial call through.
   * @defaultValue 30000
   */
  breakerHalfOpenAfterMs?: number;
}

/** One page of the feed. */
export interface JeugdFeedPage {
  /** Parsed messages in feed order. */
  berichten: JeugdBerichtRecord[];
  /** Cursor to pass as `cursor` next time; opaque, store it as is. */
  volgende: string;
  /** Whether more messages follow `volgende` right now. */
  meer: boolean;
  /** Messages in this page that were not valid iJw; skipped so the cursor can move on. Report them. */
  rejected: RejectedBericht[];
}

export interface JeugdFeedClient {
  /**
   * Reads up to `aantal` messages after `cursor` (`null`: from the beginning).
   *
   * @throws SourceError `SOURCE_UNAVAILABLE` after the retries, or at once while the circuit is
   * open; `SOURCE_PROTOCOL_ERROR` when the feed answers something that is not a feed page.
   * @throws RangeError when `aantal` is not an integer from 1 to 1000.
   */
  lees(cursor: string | null, aantal: number): Promise<JeugdFeedPage>;
}

/** Largest page the feed accepts; asking more is a programming error, not a source error. */
const MAX_AANTAL = 1000;

/** Creates a feed client. One per process is enough: it holds the circuit breaker's state. */
export function createJeugdFeedClient(options: JeugdFeedClientOptions): JeugdFeedClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const endpoint = new URL('berichten', options.url.endsWith('/') ? options.url : `${options.url}/`);

  const policy = createResiliencePolicy({
    // Unavailability is worth another try, and so is an error that is not a SourceError at all
    // (a bug in parsing, say). Timeouts are retried and an open circuit is not, by the policy.
    isTransient: (error) => !(error instanceof SourceError) || error.code === 'SOURCE_UNAVAILABLE',
    retries: options.retries,
    initialBackoffMs: options.retryDelayMs,
    // maxBackoffMs: the default, 5 s; this client does not make it configurable.
    breakerThreshold: options.breakerThreshold,
    breakerHalfOpenAfterMs: options.breakerHalfOpenAfterMs,
    timeoutMs,
    // Aggressive: the policy gives up on an attempt at the limit, whether or not the request has
    // noticed the abort yet, and reports the timeout itself ('timeout' in toSourceError); `attempt`
    // relies on that and rethrows an aborted fetch's error as is.
    timeoutStrategy: 'aggressive',
  });

  const attempt = async (url: URL, signal: AbortSignal): Promise<JeugdFeedPage> => {
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, { signal, headers: { accept: 'application/xml' } });
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw error; // the timeout policy reports it
      throw new SourceError('SOURCE_UNAVAILABLE', 'Jeugd feed: could not be reached', { cause: error });
    }
    if (response.status >= 500 || response.status === 429) {
      throw new SourceError('SOURCE_UNAVAILABLE', `Jeugd feed: expected HTTP 200, got ${response.status}`);
    }
    if (response.status !== 200) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', `Jeugd feed: expected HTTP 200, got ${response.status}${errorCode(body)}`);
    }
    return parseFeed(body);
  };

  return {
    async lees(cursor, aantal) {
      if (!Number.isInteger(aantal) || aantal < 1 || aantal > MAX_AANTAL) {
        throw new RangeError(`aantal: expected an integer from 1 to ${MAX_AANTAL}, got ${String(aantal)}`);
      }
      const url = new URL(endpoint);
      if (cursor !== null) url.searchParams.set('vanaf', cursor);
      url.searchParams.set('aantal', String(aantal));
      return runResilient(policy, (signal) => attempt(url, signal), (failure) => toSourceError(failure, timeoutMs));
    },
  };
}

function toSourceError(failure: ResilienceFailure, timeoutMs: number): SourceError {
  switch (failure.kind) {
    case 'circuit-open':
      return new SourceError('SOURCE_UNAVAILABLE', 'Jeugd feed: circuit open after repeated failures; not called');
    case 'timeout':
      return new SourceError('SOURCE_UNAVAILABLE', `Jeugd feed: no answer within ${timeoutMs} ms`);
    case 'failed':
      if (failure.error instanceof SourceError) return failure.error;
      return new SourceError('SOURCE_UNAVAILABLE', 'Jeugd feed: request failed', { cause: failure.error });
  }
}

/** The feed's error code (`<Fout code="…">`) when it is a plain code, for the error message. */
function errorCode(body: string): string {
  const match = /<Fout\b[^>]*\bcode="([A-Z_]{1,40})"/.exec(body);
  return match ? ` (${match[1]})` : '';
}
