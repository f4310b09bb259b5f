/**
 * The resilience every back-office adapter puts around its calls, built in one place: retries
 * with exponential backoff, a circuit breaker, and a time limit per attempt (cockatiel).
 *
 * The stack, outermost first: retry → circuit breaker → timeout → the adapter's attempt.
 * - The timeout is innermost so it limits one attempt, not the whole call: a source that hangs
 *   costs one failed attempt, which can then be retried like any other.
 * - The breaker sits inside the retry so it counts attempts, not calls: a source that fails N
 *   times in a row opens it, whether those were one call retrying or many calls. Once it is open
 *   the retry gets a BrokenCircuitError, which it never retries: the call fails at once instead
 *   of backing off against a circuit that will not let it through.
 * - Only failures the adapter calls transient are retried and counted by the breaker: a request
 *   the source rejected will be rejected again, and says nothing about the source's health.
 *
 * Adapters only: the adapters' clients import this. A stand-in (the `simulator/` of each adapter)
 * never does — it shares no code with the adapter it stands in for, so that a misunderstanding
 * of the protocol cannot hide on both sides.
 *
 * The adapters' own option docs repeat the defaults below; change them together.
 */
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IDefaultPolicyContext,
  type IPolicy,
} from 'cockatiel';

export interface ResilienceOptions {
  /**
   * Whether an error thrown by the adapter's attempt is worth another attempt. Those errors are
   * retried and counted by the breaker; any other error ends the call at once and leaves the
   * breaker alone. Whatever this says, a timed-out attempt (`'aggressive'` timeouts) is always
   * transient — the per-attempt limit exists to make a hanging attempt retryable — and an open
   * circuit never is (see the module comment).
   */
  isTransient: (error: unknown) => boolean;
  /** Attempts after the first one; 0 turns retrying off. @defaultValue 3 */
  retries?: number;
  /**
   * Delay before the first retry in ms; later ones grow exponentially, with jitter so that
   * clients that failed together do not retry in step. @defaultValue 200
   */
  initialBackoffMs?: number;
  /** Longest delay between retries in ms. @defaultValue 5000 */
  maxBackoffMs?: number;
  /** Consecutive transient failures (attempts, not calls) that open the circuit. @defaultValue 5 */
  breakerThreshold?: number;
  /** How long an open circuit refuses calls before it lets one trial call through, in ms. @defaultValue 30000 */
  breakerHalfOpenAfterMs?: number;
  /**
   * Time limit per attempt in ms. The attempt should read the response body under its signal
   * too, so that a body that stalls counts as a timeout. @defaultValue 5000
   */
  timeoutMs?: number;
  /**
   * What happens when an attempt runs out of time. In both cases the attempt's signal is aborted.
   * - `'aggressive'`: the policy stops waiting for the attempt and reports the timeout itself
   *   (a `{ kind: 'timeout' }` failure, when it is the last attempt). The limit holds even if part
   *   of the attempt ignores the signal; whatever the attempt does afterwards is ignored. That
   *   relies on the policy's timeout error settling first, which it does when the attempt is an
   *   async function that awaits its I/O (as the adapters' are); a promise rejected straight from
   *   an abort listener can beat it, and its error would then be the failure.
   * - `'cooperative'`: the policy waits for the attempt to end, and what the attempt throws is the
   *   outcome. Lets the adapter report the timeout itself, in its own transient error; only safe
   *   when everything the attempt awaits honours the signal (fetch and reading its body do).
   * @defaultValue 'aggressive'
   */
  timeoutStrategy?: 'aggressive' | 'cooperative';
}

/** What `createResiliencePolicy` builds. One per client: every call through it shares its breaker state. */
export type ResiliencePolicy = IPolicy<IDefaultPolicyContext>;

/** Builds the retry → circuit breaker → timeout policy described in the module comment. */
export function createResiliencePolicy(options: ResilienceOptions): ResiliencePolicy {
  // An open circuit is never retried, a timeout always is; the rest is the adapter's call.
  const transient = handleWhen(
    (error) => !(error instanceof BrokenCircuitError) && (error instanceof TaskCancelledError || options.isTransient(error)),
  );
  return wrap(
    retry(transient, {
      maxAttempts: options.retries ?? 3,
      backoff: new ExponentialBackoff({ initialDelay: options.initialBackoffMs ?? 200, maxDelay: options.maxBackoffMs ?? 5000 }),
    }),
    circuitBreaker(transient, {
      halfOpenAfter: options.breakerHalfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    }),
    timeout(
      options.timeoutMs ?? 5000,
      options.timeoutStrategy === 'cooperative' ? TimeoutStrategy.Cooperative : TimeoutStrategy.Aggressive,
    ),
  );
}

/**
 * Why a call through the policy failed, for the adapter to turn into its own error.
 * - `circuit-open`: the circuit is open; the source was not called (this time, or for the retry
 *   that came after the attempt that opened it).
 * - `timeout`: the last attempt ran out of time (`'aggressive'` timeouts only: with
 *   `'cooperative'` the attempt reports its own timeouts, as a `failed`).
 * - `failed`: what the last attempt threw — a transient error once the retries ran out, any
 *   other error at once. Usually the adapter's own error, passed on as it is.
 */
export type ResilienceFailure =
  | { kind: 'circuit-open'; error: BrokenCircuitError }
  | { kind: 'timeout'; error: TaskCancelledError }
  | { kind: 'failed'; error: unknown };

/**
 * Runs `attempt` through `policy` and, when the call fails, throws what `translate` makes of the
 * failure — so an adapter's callers only ever see the adapter's own error type, never cockatiel's.
 *
 * @param attempt one try at the source; it gets the attempt's signal, aborted at the time limit.
 * @param translate returns the error to throw instead of the failure.
 */
export async function runResilient<T>(
  policy: ResiliencePolicy,
  attempt: (signal: AbortSignal) => Promise<T>,
  translate: (failure: ResilienceFailure) => Error,
): Promise<T> {
  try {
    return await policy.execute(({ signal }) => attempt(signal));
  } catch (error) {
    // No signal of the caller's is passed to the policy, so a TaskCancelledError can only come
    // from the per-attempt timeout.
    if (error instanceof BrokenCircuitError) throw translate({ kind: 'circuit-open', error });
    if (error instanceof TaskCancelledError) throw translate({ kind: 'timeout', error });
    throw translate({ kind: 'failed', error });
  }
}
