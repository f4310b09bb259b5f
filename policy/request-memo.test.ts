import { RequestMemo } from './request-memo';
import type { RequestContext } from './types';

function request(spanId: string): RequestContext {
  return { actor: { sub: 'u1', organisatie: 'gemeente', rollen: ['regisseur'] }, doel: 'INTEGRALE_AANPAK', traceId: 'a'.repeat(32), spanId, operationName: null, documentHash: null };
}

describe('RequestMemo', () => {
  it('shares answers among the lookups of one request, in flight too, and never across requests', async () => {
    const memo = new RequestMemo<string>();
    const asked: string[][] = [];
    const load = (keys: readonly string[]) => async (missing: number[]) => {
      asked.push(missing.map((i) => keys[i]));
      await new Promise((r) => setTimeout(r, 10));
      return missing.map((i) => `answer ${keys[i]}`);
    };
    const one = request('1'.repeat(16));
    // Two subgraph fetches of one request at the same time: the second waits for the first's lookup.
    const [a, b] = await Promise.all([memo.many(one, ['x', 'y'], load(['x', 'y'])), memo.many(one, ['y', 'z'], load(['y', 'z']))]);
    expect(a).toEqual(['answer x', 'answer y']);
    expect(b).toEqual(['answer y', 'answer z']);
    expect(asked).toEqual([['x', 'y'], ['z']]);
    // Another request with the same trace but its own span asks again.
    await memo.many(request('2'.repeat(16)), ['x'], load(['x']));
    expect(asked).toHaveLength(3);
  });

  it('keeps no failed lookup, and forgets answers after their lifetime', async () => {
    let now = 0;
    const memo = new RequestMemo<number>(30, () => now);
    const one = request('1'.repeat(16));
    await expect(memo.many(one, ['x'], async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    let loads = 0;
    const load = async (missing: number[]) => missing.map(() => ++loads);
    expect(await memo.many(one, ['x'], load)).toEqual([1]);
    expect(await memo.many(one, ['x'], load)).toEqual([1]);
    now = 29;
    expect(await memo.many(one, ['x'], load)).toEqual([1]);
    now = 30;
    expect(await memo.many(one, ['x'], load)).toEqual([2]);
    // Expired entries are swept, so the memo does not grow with traffic.
    now = 60;
    await memo.many(request('3'.repeat(16)), ['y'], load);
    expect(memo.size).toBe(1);
  });
});
