import type { RecordOf, RecordType } from '../domain/record-types';
import type { JeugdhulpRecord, UitkeringRecord, WmoVoorzieningRecord } from '../domain/records';
import type { KnownBirth } from '../read-model';
import { addDuration, type RetentionTerm } from './selectielijst';

/**
 * The date from which a record may no longer be kept (its archiefactiedatum), or null while the
 * term has not started (an open case, a running benefit) or cannot be established. Unknown means
 * keep: destroying too early is as unlawful as keeping too long, and the report shows the rest.
 */
export function archiefactiedatum<T extends RecordType>(term: RetentionTerm, record: RecordOf[T], birth?: KnownBirth | null): string | null {
  const start = termStart(term, record, birth);
  return start ? addDuration(start, term.bewaartermijn) : null;
}

function termStart(term: RetentionTerm, record: unknown, birth?: KnownBirth | null): string | null {
  switch (term.start) {
    case 'AFSLUITING': {
      if (term.recordType === 'JEUGDHULP') {
        const j = record as JeugdhulpRecord;
        return j.einddatum ?? j.stopZorg;
      }
      return (record as WmoVoorzieningRecord).einddatum;
    }
    case 'EINDE_UITKERING': {
      const u = record as UitkeringRecord;
      if (u.einddatum) return u.einddatum;
      // An application refused and never granted ends with its refusal.
      const granted = u.besluiten.some((b) => b.soort === 'TOEKENNING');
      const refusals = u.besluiten.filter((b) => b.soort === 'AFWIJZING').map((b) => b.datum).sort();
      return !granted && refusals.length ? refusals[refusals.length - 1] : null;
    }
    case 'GEBOORTEDATUM': {
      if (!birth) return null;
      if (birth.geboortedatum) return birth.geboortedatum;
      const { jaar, maand } = birth.onvolledig ?? { jaar: null, maand: null };
      if (!jaar) return null;
      // Only part of the date is known: take the latest date it can be, so nothing goes early.
      if (!maand) return `${jaar}-12-31`;
      return new Date(Date.UTC(jaar, maand, 0)).toISOString().slice(0, 10);
    }
  }
}
