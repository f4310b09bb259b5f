import { ExpiringMap } from '../lib/expiring-map';
import type { RequestContext } from './types';

/**
 * Answers shared by the subgraphs of one gateway request that run in this process.
 *
 * One gateway request fans out to several subgraphs, and each asks the same question (does this
 * household have a consent for this organisation and purpose?). Where those subgraphs share a
 * process (the hub's one-process mode), the first fetch asks Postgres and the others take its
 * answer, even while it is still in flight. A request is identified by the trace and span id the
 * gateway signed into its internal context; the span id is random per gateway request, so no
 * answer crosses from one request to another, and every request sees one consistent state: the
 * one at its first lookup, as a single subgraph already did within its own fetch.
 *
 * Entries are dropped `ttlMs` after they were made; a longer request simply asks again.
 * Failed lookups are not kept.
 */
export class RequestMemo<V> {
  private readonly entries: ExpiringMap<Promise<V>>;

  /** @param now milliseconds now, for tests. @defaultValue Date.now */
  constructor(ttlMs = 5_000, now: () => number = Date.now) {
    this.entries = new ExpiringMap(ttlMs, now);
  }

  /** The values for `keys` within `request`; `load` gets the positions of the keys not known yet, and answers them in order. */
  async many(request: RequestContext, keys: readonly string[], load: (missing: number[]) => Promise<V[]>): Promise<V[]> {
    const scope = `${request.traceId}/${request.spanId}|`;
    const missing: number[] = [];
    const values = keys.map((k, i) => {
      const hit = this.entries.get(scope + k);
      if (!hit) missing.push(i);
      return hit;
    });
    if (missing.length) {
      const loaded = load(missing);
      missing.forEach((i, j) => {
        const key = scope + keys[i];
        const value = loaded.then((all) => all[j]);
        value.catch(() => this.entries.delete(key));
        this.entries.set(key, value);
        values[i] = value;
      });
    }
    return Promise.all(values as Array<Promise<V>>);
  }

  get size(): number {
    return this.entries.size;
  }
}
