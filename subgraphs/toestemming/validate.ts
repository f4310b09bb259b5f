import type { PersoonRecord } from '../../domain/records';
import { isValidBsn } from '../../lib/bsn';
import { badUserInput, invalidBsn } from '../../lib/errors';
import { CONSENT_DOMAINS, type ConsentDomain } from '../../policy/types';
import type { NewToestemming } from './store';

export interface ToestemmingInputShape {
  betrokkene: string;
  gegevenDoor: string;
  ontvanger: string;
  domeinen: readonly string[];
  doel: string;
  geldigTot?: string | null;
}

/** Age under which a parent with authority consents for the child (AVG art. 8 as applied by the UAVG). */
export const CONSENT_AGE = 16;
const AUTHORITY_TYPES = new Set(['GezamenlijkOuderlijkGezag', 'EenhoofdigOuderlijkGezag', 'GezamenlijkGezag', 'Voogdij']);

/**
 * Checks a consent before it is registered, against the BRP copy: who may give it depends on the
 * subject's age and on who holds authority. Every refusal is BAD_USER_INPUT with a message that
 * names the rule, never a person.
 */
export function validateToestemming(input: ToestemmingInputShape, betrokkene: PersoonRecord | null, today: string): NewToestemming {
  if (!isValidBsn(input.betrokkene)) throw invalidBsn('betrokkene');
  if (!isValidBsn(input.gegevenDoor)) throw invalidBsn('gegevenDoor');
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.ontvanger)) throw badUserInput('ontvanger must be an organisation code: lower-case letters, digits and hyphens');
  const domeinen = [...new Set(input.domeinen)];
  if (domeinen.length === 0 || !domeinen.every((d): d is ConsentDomain => (CONSENT_DOMAINS as readonly string[]).includes(d))) {
    throw badUserInput(`domeinen must name at least one of ${CONSENT_DOMAINS.join(', ')}`);
  }
  if (input.doel !== 'INTEGRALE_AANPAK') throw badUserInput('doel must be INTEGRALE_AANPAK');
  const geldigTot = input.geldigTot ?? null;
  if (geldigTot !== null && (!isIsoDate(geldigTot) || geldigTot < today)) throw badUserInput('geldigTot must be an ISO date (YYYY-MM-DD) not before today');
  if (!betrokkene) throw badUserInput('betrokkene is not known in the BRP copy of the social domain');

  const minor = isUnder(betrokkene, CONSENT_AGE, today);
  if (minor === null) throw badUserInput('the age of betrokkene cannot be established from the BRP; consent cannot be checked');
  if (!minor && input.gegevenDoor !== input.betrokkene) throw badUserInput(`from age ${CONSENT_AGE} only betrokkene can give consent`);
  if (minor) {
    const holders = betrokkene.gezag
      .filter((g) => AUTHORITY_TYPES.has(g.type) && (g.minderjarige === null || g.minderjarige === betrokkene.burgerservicenummer))
      .flatMap((g) => g.ouders);
    if (!holders.includes(input.gegevenDoor)) {
      throw badUserInput(`under ${CONSENT_AGE}, consent must come from a parent with authority (gezag) according to the BRP`);
    }
  }
  return { betrokkene: input.betrokkene, gegevenDoor: input.gegevenDoor, ontvanger: input.ontvanger, domeinen, doel: 'INTEGRALE_AANPAK', geldigVanaf: today, geldigTot };
}

function isIsoDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
}

/**
 * Whether the person is younger than `age` on `today`: true, false, or null when the BRP's
 * incomplete birth date leaves both possible.
 */
export function isUnder(p: PersoonRecord, age: number, today: string): boolean | null {
  const [ty, tm, td] = today.split('-').map(Number);
  if (p.geboortedatum) {
    const [y, m, d] = p.geboortedatum.split('-').map(Number);
    const years = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
    return years < age;
  }
  const jaar = p.geboortedatumOnvolledig?.jaar;
  if (!jaar) return null;
  const maand = p.geboortedatumOnvolledig?.maand ?? null;
  // Earliest and latest possible birthdays within what is known.
  const earliest = { y: jaar, m: maand ?? 1, d: 1 };
  const latest = { y: jaar, m: maand ?? 12, d: 31 };
  const ageOn = (b: { y: number; m: number; d: number }) => ty - b.y - (tm < b.m || (tm === b.m && td < b.d) ? 1 : 0);
  const oldest = ageOn(earliest);
  const youngest = ageOn(latest);
  if (oldest < age) return true;
  if (youngest >= age) return false;
  return null;
}
