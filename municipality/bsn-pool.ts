/**
 * The test BSNs the synthetic municipality may hand out.
 *
 * Only test BSNs are used: nine digits starting with 999 that pass the elfproef. That range holds
 * 100,000 eight-digit prefixes (99900000–99999999), and one prefix in eleven has no valid check
 * digit, which leaves exactly 90,909 numbers. That is the hard ceiling on the number of
 * inhabitants (the showcase BSNs are among them); asking for more is a RangeError, not a silent
 * switch to real-looking numbers.
 */
import { bsnCheckDigit } from '../lib/bsn';
import type { Rng } from './random';

let allTestBsns: readonly string[] | null = null;

/** Every elfproef-valid BSN that starts with 999, ascending. Computed once (≈ 100k checks). */
export function testBsns(): readonly string[] {
  if (allTestBsns) return allTestBsns;
  const out: string[] = [];
  for (let p = 99900000; p <= 99999999; p++) {
    const prefix = String(p);
    const check = bsnCheckDigit(prefix);
    if (check !== null) out.push(prefix + check);
  }
  allTestBsns = out;
  return out;
}

/** How many test BSNs exist (90,909): the most inhabitants a synthetic municipality can have. */
export const TEST_BSN_CAPACITY = 90_909;

/**
 * Hands out test BSNs in a seeded random order, never one from `reserved`. Shuffling the whole
 * range (instead of counting up) keeps household members from getting consecutive numbers,
 * which real BSNs never have and which would let a test pass by accident.
 */
export class BsnPool {
  private readonly order: string[];
  private next = 0;

  constructor(rng: Rng, reserved: ReadonlySet<string>) {
    this.order = rng.shuffle(testBsns().filter((bsn) => !reserved.has(bsn)));
  }

  get remaining(): number {
    return this.order.length - this.next;
  }

  take(): string {
    if (this.next >= this.order.length) {
      throw new RangeError(`no test BSN left: all ${this.order.length} unreserved ones are in use`);
    }
    return this.order[this.next++];
  }
}
