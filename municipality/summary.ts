/**
 * Counts that describe a generated municipality without a single personal detail, for the CLI,
 * for start-up logs and for benchmarks.
 */
import { ageOn } from './dates';
import type { Municipality } from './types';

interface MunicipalitySummary {
  gemeente: string;
  referenceDate: string;
  seed: number;
  inhabitants: number;
  households: number;
  addresses: number;
  averageHouseholdSize: number;
  minors: number;
  aged75Plus: number;
  incompleteBirthDates: number;
  geheimhouding: number;
  wmo: { voorzieningen: number; clients: number; ended: number };
  jeugd: { toewijzingen: number; clients: number };
  werkEnInkomen: { dossiers: number; bySoort: Record<string, number> };
  leerplicht: { leerlingen: number; inschrijvingen: number; verzuimmeldingen: number; vrijstellingen: number };
}

export function summarize(m: Municipality): MunicipalitySummary {
  const households = new Set(m.inhabitants.map((p) => p.adresseerbaarObjectId)).size;
  let minors = 0;
  let aged75Plus = 0;
  let incomplete = 0;
  for (const p of m.inhabitants) {
    const age = ageOn(p.geboortedatum, m.referenceDate);
    if (age !== null && age < 18) minors++;
    if (age !== null && age >= 75) aged75Plus++;
    if (p.geboortedatum.day === undefined) incomplete++;
  }
  const bySoort: Record<string, number> = {};
  for (const u of m.uitkeringen) bySoort[u.soort] = (bySoort[u.soort] ?? 0) + 1;
  return {
    gemeente: `${m.gemeenteCode} ${m.gemeenteNaam}`,
    referenceDate: m.referenceDate,
    seed: m.seed,
    inhabitants: m.inhabitants.length,
    households,
    addresses: m.addresses.length,
    averageHouseholdSize: Math.round((m.inhabitants.length / households) * 100) / 100,
    minors,
    aged75Plus,
    incompleteBirthDates: incomplete,
    geheimhouding: m.inhabitants.filter((p) => p.geheimhouding).length,
    wmo: {
      voorzieningen: m.wmo.length,
      clients: new Set(m.wmo.map((w) => w.bsn)).size,
      ended: m.wmo.filter((w) => w.einddatum !== undefined && w.einddatum < m.referenceDate).length,
    },
    jeugd: { toewijzingen: m.jeugd.length, clients: new Set(m.jeugd.map((j) => j.bsn)).size },
    werkEnInkomen: { dossiers: m.uitkeringen.length, bySoort },
    leerplicht: {
      leerlingen: m.leerlingen.length,
      inschrijvingen: m.inschrijvingen.length,
      verzuimmeldingen: m.verzuimmeldingen.length,
      vrijstellingen: m.vrijstellingen.length,
    },
  };
}
