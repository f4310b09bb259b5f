/**
 * The generator's internal model of the population: persons with their true birth day and the
 * household they live in. Domain generators read it to decide who gets which records; it is
 * turned into the protocol-free `Inhabitant` shape only at the end.
 */
import type { Origin } from './names';
import type { Address, Geslacht, Gezag } from './types';

/** How much of the birth date the BRP knows. */
export type DatePrecision = 'full' | 'month' | 'year' | 'unknown';

export type HouseholdKind =
  | 'single'
  | 'couple'
  | 'family'
  | 'singleParent'
  | 'students'
  | 'multigenerational'
  | 'largeFamily'
  /** Beschermd wonen: a small group home of adults with a psychiatric or intellectual disability. */
  | 'groupHome'
  /** Kleinschalige woonvoorziening for unaccompanied minor asylum seekers (AMV) under Nidos voogdij. */
  | 'amvHome';

export interface Person {
  bsn: string;
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geslacht: Geslacht;
  /** The true birth day (day number). The BRP may know less: see `precision`. */
  birth: number;
  precision: DatePrecision;
  origin: Origin;
  household: Household;
  geheimhouding: boolean;
  ouders: string[];
  gezag?: Gezag;
  partner?: string;
}

export interface Household {
  kind: HouseholdKind;
  address: Address;
  members: Person[];
  /**
   * Latent need of the household: most have little, a few have a lot. Domain incidences are
   * multiplied by it, so that problems cluster in the same households as they do in reality
   * (2–3 % of households have problems in several domains).
   */
  risk: number;
}
