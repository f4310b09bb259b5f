/**
 * What every domain generator receives. Generators see only generated households: the showcase
 * persons never get random records.
 */
import { ageInYears, day } from './dates';
import type { IdSequences } from './ids';
import type { Household, Person } from './model';
import type { Rng } from './random';

export interface DomainContext {
  /** The reference day ("today"). */
  ref: number;
  rng: Rng;
  ids: IdSequences;
  households: readonly Household[];
}

export function ageOf(p: Person, ref: number): number {
  return ageInYears(p.birth, ref);
}

/** Days in a (mean) year, for "so many years ago" draws. */
export const YEAR = 365.25;

/** The later of two day numbers. */
export function later(a: number, b: number): number {
  return a > b ? a : b;
}

/** The earlier of two day numbers. */
export function earlier(a: number, b: number): number {
  return a < b ? a : b;
}

/** A day uniformly between `from` and `to` (inclusive); `from` when the range is empty. */
export function between(r: Rng, from: number, to: number): number {
  return to <= from ? from : r.int(from, to);
}

/** Start of the iStandaarden era (Wmo 2015 and Jeugdwet): iWmo/iJw messages exist from here on. */
export const DECENTRALISATIE = day(2015, 1, 1);
