/**
 * The shared policy on its own, without HTTP: which failures are retried, when the circuit opens
 * and half-opens, that the time limit is per attempt, and what the adapter's callback gets.
 */
import {
  createResiliencePolicy,
  runResilient,
  type ResilienceFailure,
  type ResilienceOptions,
  type ResiliencePolicy,
} from './resilience';

class Transient extends Error {}
class Permanent extends Error {}

/** Stands in for an adapter's own error: what `translate` makes of a failure, kept for checking. */
class Translated extends Error {
  constructor(readonly failure: ResilienceFailure) {
    super(`translated ${failure.kind}`);
  }
}

const FAST: Partial<ResilienceOptions> = { initialBackoffMs: 1, maxBackoffMs: 2 };

function policyFor(options: Partial<ResilienceOptions> = {}): ResiliencePolicy {
  return createResiliencePolicy({ isTransient: (error) => error instanceof Transient, ...FAST, ...options });
}

/** Runs `attempt`, expects the call to fail, and returns what `translate` was given. */
async function failureOf(policy: ResiliencePolicy, attempt: (signal: AbortSignal) => Promise<unknown>): Promise<ResilienceFailure> {
  const error = await runResilient(policy, attempt, (failure) => new Translated(failure)).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Translated);
  return (error as Translated).failure;
}

/**
 * An attempt that never settles by itself: it rejects only when its signal is aborted. Async, as
 * an adapter's attempt is (see `timeoutStrategy`).
 */
const hang = async (signal: AbortSignal): Promise<never> =>
  new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));

/**
 * The breaker measures its half-open delay with Date.now() (inside cockatiel), so the tests move
 * a fake Date instead of waiting the delay out. Timers stay real: the policy's timeouts and
 * backoffs run as they do in production.
 */
const ONLY_DATE: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
};
const passTime = (ms: number) => jest.setSystemTime(Date.now() + ms);

describe('retries', () => {
  it('retries transient failures and returns the first success', async () => {
    let calls = 0;
    const result = await runResilient(
      policyFor({ retries: 3 }),
      async () => {
        calls += 1;
        if (calls < 3) throw new Transient('busy');
        return 'answer';
      },
      (failure) => new Translated(failure),
    );
    expect(result).toBe('answer');
    expect(calls).toBe(3);
  });

  it('gives up after the retries with the last transient error, as a failure', async () => {
    let calls = 0;
    const failure = await failureOf(policyFor({ retries: 2 }), async () => {
      calls += 1;
      throw new Transient(`attempt ${calls}`);
    });
    expect(calls).toBe(3);
    expect(failure.kind).toBe('failed');
    expect(failure.error).toEqual(new Transient('attempt 3'));
  });

  it('does not retry a failure that is not transient, and passes it on as it is', async () => {
    const permanent = new Permanent('rejected');
    let calls = 0;
    const failure = await failureOf(policyFor({ retries: 3 }), async () => {
      calls += 1;
      throw permanent;
    });
    expect(calls).toBe(1);
    expect(failure).toEqual({ kind: 'failed', error: permanent });
    expect(failure.error).toBe(permanent);
  });

  it('retries 3 times by default', async () => {
    let calls = 0;
    await failureOf(policyFor(), async () => {
      calls += 1;
      throw new Transient('busy');
    });
    expect(calls).toBe(4);
  });
});

describe('circuit breaker', () => {
  const alwaysTransient = async () => {
    throw new Transient('down');
  };

  it('opens after the threshold of consecutive transient failures and then does not call', async () => {
    const policy = policyFor({ retries: 0, breakerThreshold: 3, breakerHalfOpenAfterMs: 60_000 });
    let calls = 0;
    const attempt = () => {
      calls += 1;
      return alwaysTransient();
    };
    for (let i = 0; i < 3; i++) expect((await failureOf(policy, attempt)).kind).toBe('failed');
    const failure = await failureOf(policy, attempt);
    expect(failure.kind).toBe('circuit-open');
    expect(calls).toBe(3);
  });

  it('counts attempts, and does not retry into an open circuit', async () => {
    const policy = policyFor({ retries: 5, breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 });
    let calls = 0;
    const failure = await failureOf(policy, () => {
      calls += 1;
      return alwaysTransient();
    });
    // Two attempts open it; the retry after them meets the open circuit and stops there.
    expect(calls).toBe(2);
    expect(failure.kind).toBe('circuit-open');
  });

  it('ends the call once open, even when the adapter calls every error transient', async () => {
    // Many quick retries would outlast the open period, and call again once it half-opens.
    const policy = policyFor({ isTransient: () => true, retries: 100, maxBackoffMs: 5, breakerThreshold: 1, breakerHalfOpenAfterMs: 200 });
    let calls = 0;
    const failure = await failureOf(policy, () => {
      calls += 1;
      return alwaysTransient();
    });
    expect(failure.kind).toBe('circuit-open');
    expect(calls).toBe(1);
  });

  it('is not opened by failures that are not transient', async () => {
    const policy = policyFor({ retries: 0, breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 });
    let calls = 0;
    for (let i = 0; i < 4; i++) {
      const failure = await failureOf(policy, async () => {
        calls += 1;
        throw new Permanent('rejected');
      });
      expect(failure.kind).toBe('failed');
    }
    expect(calls).toBe(4);
  });

  describe('with a clock the test moves', () => {
    beforeEach(() => jest.useFakeTimers(ONLY_DATE));
    afterEach(() => jest.useRealTimers());

    it('half-opens after the delay: one trial call, which closes it on success', async () => {
      const policy = policyFor({ retries: 0, breakerThreshold: 1, breakerHalfOpenAfterMs: 100 });
      await failureOf(policy, alwaysTransient);
      expect((await failureOf(policy, async () => 'not called')).kind).toBe('circuit-open');
      passTime(99);
      expect((await failureOf(policy, async () => 'not called')).kind).toBe('circuit-open');

      passTime(1);
      const translate = (failure: ResilienceFailure) => new Translated(failure);
      expect(await runResilient(policy, async () => 'trial', translate)).toBe('trial');
      // Closed again: calls go through, and it takes a new failure to open it.
      expect(await runResilient(policy, async () => 'next', translate)).toBe('next');
      expect((await failureOf(policy, alwaysTransient)).kind).toBe('failed');
      expect((await failureOf(policy, async () => 'not called')).kind).toBe('circuit-open');
    });

    it('opens again at once when the trial call fails', async () => {
      const policy = policyFor({ retries: 0, breakerThreshold: 1, breakerHalfOpenAfterMs: 100 });
      await failureOf(policy, alwaysTransient);
      passTime(100);
      let calls = 0;
      const attempt = () => {
        calls += 1;
        return alwaysTransient();
      };
      expect((await failureOf(policy, attempt)).kind).toBe('failed');
      expect((await failureOf(policy, attempt)).kind).toBe('circuit-open');
      expect(calls).toBe(1);
    });
  });
});

describe('timeout', () => {
  it('limits each attempt, not the call: a retry gets a fresh signal and time', async () => {
    const signals: AbortSignal[] = [];
    const result = await runResilient(
      policyFor({ retries: 1, timeoutMs: 30 }),
      async (signal) => {
        signals.push(signal);
        if (signals.length === 1) return hang(signal);
        expect(signal.aborted).toBe(false);
        return 'second attempt';
      },
      (failure) => new Translated(failure),
    );
    expect(result).toBe('second attempt');
    expect(signals).toHaveLength(2);
    expect(signals[0].aborted).toBe(true);
  });

  it('aggressive (the default): reports a timeout after retrying it, even if the attempt ignores the signal', async () => {
    // Attempts deaf to their signal: they settle only when released, after the call has failed.
    const release: Array<() => void> = [];
    const deaf = () => new Promise<string>((resolve) => release.push(() => resolve('too late')));
    const failure = await failureOf(policyFor({ retries: 1, timeoutMs: 30 }), deaf);
    expect(failure.kind).toBe('timeout');
    expect(release).toHaveLength(2);
    release.forEach((r) => r());
  });

  it('cooperative: the attempt reports its own timeout, and that is what is retried and passed on', async () => {
    let calls = 0;
    const failure = await failureOf(policyFor({ retries: 1, timeoutMs: 30, timeoutStrategy: 'cooperative' }), async (signal) => {
      calls += 1;
      await hang(signal).catch(() => undefined);
      throw new Transient(`no answer within 30 ms (attempt ${calls})`);
    });
    expect(calls).toBe(2);
    expect(failure).toEqual({ kind: 'failed', error: new Transient('no answer within 30 ms (attempt 2)') });
  });
});

describe('translation', () => {
  it('throws exactly what the callback returns, never a cockatiel error', async () => {
    const policy = policyFor({ retries: 0, breakerThreshold: 1, breakerHalfOpenAfterMs: 60_000, timeoutMs: 20 });
    const seen: string[] = [];
    const ours = new Error('the adapter’s own error');
    const translate = (failure: ResilienceFailure) => {
      seen.push(`${failure.kind}: ${(failure.error as Error).constructor.name}`);
      return ours;
    };
    await expect(runResilient(policy, hang, translate)).rejects.toBe(ours);
    await expect(runResilient(policy, hang, translate)).rejects.toBe(ours);
    expect(seen).toEqual(['timeout: TaskCancelledError', 'circuit-open: BrokenCircuitError']);
  });

  it('does not call the callback on success', async () => {
    const translate = jest.fn((failure: ResilienceFailure) => new Translated(failure));
    expect(await runResilient(policyFor(), async () => 42, translate)).toBe(42);
    expect(translate).not.toHaveBeenCalled();
  });
});
