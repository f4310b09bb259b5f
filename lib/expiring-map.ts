/**
 * A map whose entries live a fixed time after they were set. With one lifetime for all entries
 * and a Map's insertion order, the expired entries are always at the front, so each call sweeps
 * them from there: the map never holds more than one lifetime's worth of entries.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { until: number; value: V }>();

  constructor(
    private readonly lifetimeMs: number,
    /** Milliseconds now; tests move it instead of waiting. @defaultValue Date.now */
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    this.sweep();
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V): void {
    this.sweep();
    // Re-inserted at the end, so the order stays the order of expiry.
    this.entries.delete(key);
    this.entries.set(key, { until: this.now() + this.lifetimeMs, value });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.until > now) break;
      this.entries.delete(key);
    }
  }
}
