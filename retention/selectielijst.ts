import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RecordType } from '../domain/record-types';

/**
 * Archive terms, read from the Selectielijst 2020 as VNG publishes it. Each record type the hub
 * copies is mapped to its result category; the term and the moment it starts come from the list
 * itself, and the mapping is checked against the list at start.
 */

/** When the term starts: closure of the case, end of the benefit, or the pupil's date of birth. */
type StartRule = 'AFSLUITING' | 'EINDE_UITKERING' | 'GEBOORTEDATUM';

/** Which procestermijn of the Selectielijst each start rule stands for. */
const PROCESTERMIJN: Record<StartRule, string> = {
  AFSLUITING: 'nihil',
  EINDE_UITKERING: 'bestaansduur_procesobject',
  GEBOORTEDATUM: 'samengevoegd_met_bewaartermijn',
};

/** The mapping, reviewed like code; docs/GLOSSARY.md explains the categories. */
const CATEGORIES: Record<RecordType, { categorie: string; start: StartRule }> = {
  WMO_VOORZIENING: { categorie: '8.1.1', start: 'AFSLUITING' },
  JEUGDHULP: { categorie: '8.1.2', start: 'AFSLUITING' },
  UITKERING: { categorie: '8.1', start: 'EINDE_UITKERING' },
  LEERLING: { categorie: '12.1.3', start: 'GEBOORTEDATUM' },
  INSCHRIJVING: { categorie: '12.1.3', start: 'GEBOORTEDATUM' },
  VERZUIMMELDING: { categorie: '12.1.3', start: 'GEBOORTEDATUM' },
  VRIJSTELLING: { categorie: '11.1.8', start: 'GEBOORTEDATUM' },
};

const resultaatSchema = z.object({
  volledigNummer: z.string(),
  naam: z.string(),
  waardering: z.string(),
  bewaartermijn: z.string().nullish(),
  procestermijn: z.string().nullish(),
});

export interface RetentionTerm {
  recordType: RecordType;
  categorie: string;
  naam: string;
  /** ISO 8601 duration, e.g. P15Y. */
  bewaartermijn: string;
  start: StartRule;
  /** Human-readable rule, for destruction records and reports. */
  regel: string;
}

const DEFAULT_PATH = join(__dirname, 'selectielijst-2020', 'resultaten.json');

/** Loads the terms for every record type; throws when the list does not support the mapping. */
export function loadRetentionTerms(path = DEFAULT_PATH): Map<RecordType, RetentionTerm> {
  const list = z.array(resultaatSchema.passthrough()).parse(JSON.parse(readFileSync(path, 'utf8')));
  const byNummer = new Map(list.map((r) => [r.volledigNummer, r]));
  const terms = new Map<RecordType, RetentionTerm>();
  for (const [recordType, { categorie, start }] of Object.entries(CATEGORIES) as Array<[RecordType, (typeof CATEGORIES)[RecordType]]>) {
    const r = byNummer.get(categorie);
    if (!r) throw new Error(`Selectielijst has no result ${categorie} (mapped for ${recordType})`);
    if (r.waardering !== 'vernietigen' || !r.bewaartermijn) throw new Error(`Selectielijst result ${categorie} is not to be destroyed after a term`);
    if (!/^P(\d+Y)?(\d+M)?(\d+D)?$/.test(r.bewaartermijn)) throw new Error(`Selectielijst result ${categorie} has a term the hub cannot compute: ${r.bewaartermijn}`);
    if (r.procestermijn !== PROCESTERMIJN[start]) {
      throw new Error(`Selectielijst result ${categorie} starts its term at ${r.procestermijn}, expected ${PROCESTERMIJN[start]} for ${recordType}`);
    }
    const from = { AFSLUITING: 'na afsluiting', EINDE_UITKERING: 'na einde uitkering', GEBOORTEDATUM: 'na geboortedatum' }[start];
    terms.set(recordType, { recordType, categorie, naam: r.naam, bewaartermijn: r.bewaartermijn, start, regel: `Selectielijst 2020 ${categorie} (${r.naam}): ${r.bewaartermijn} ${from}` });
  }
  return terms;
}

/** Adds an ISO 8601 duration of years, months and days to an ISO date (UTC, calendar arithmetic). */
export function addDuration(date: string, duration: string): string {
  const m = duration.match(/^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/);
  if (!m) throw new RangeError(`expected an ISO 8601 duration of years, months and days, got ${duration}`);
  const d = new Date(`${date}T00:00:00Z`);
  const [y, mo, day] = [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const target = new Date(Date.UTC(d.getUTCFullYear() + y, d.getUTCMonth() + mo, 1));
  // Clamp to the month's last day (29 February plus one year is 28 February, not 1 March).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay) + day);
  return target.toISOString().slice(0, 10);
}
