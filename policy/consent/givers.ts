import type { PersoonRecord } from '../../domain/records';
import { badUserInput, checkBsn, checkIsoDate } from '../../lib/errors';
import type { OrganisationRegister } from '../organisations';
import { CONSENT_DOMAINS, type ConsentDomain } from '../types';
import type { NewToestemming, ToestemmingBewijs } from './store';

interface ToestemmingInputShape {
  betrokkene: string;
  gegevenDoor: string;
  ontvanger: string;
  domeinen: readonly string[];
  doel: string;
  geldigTot?: string | null;
  bewijs: { kanaal: string; referentie: string; ondertekendOp: string };
}

const KANALEN = new Set(['FORMULIER', 'DOCUMENT', 'DIGITAAL']);

/** Age under which a parent with authority consents for the child (AVG art. 8 as applied by the UAVG). */
const CONSENT_AGE = 16;
const AUTHORITY_TYPES = new Set(['GezamenlijkOuderlijkGezag', 'EenhoofdigOuderlijkGezag', 'GezamenlijkGezag', 'Voogdij']);

/**
 * Who may give a consent, and to whom: checked before it is registered, against the BRP (the
 * subject's age and who holds authority) and the organisation register (the recipient). Every
 * refusal is BAD_USER_INPUT with a message that names the rule, never a person.
 */
export function validateToestemming(input: ToestemmingInputShape, betrokkene: PersoonRecord | null, today: string, organisations: OrganisationRegister): NewToestemming {
  checkBsn(input.betrokkene, 'betrokkene');
  checkBsn(input.gegevenDoor, 'gegevenDoor');
  if (!organisations.get(input.ontvanger)) throw badUserInput('ontvanger must be the code of an organisation in the organisation register');
  const domeinen = [...new Set(input.domeinen)];
  if (domeinen.length === 0 || !domeinen.every((d): d is ConsentDomain => (CONSENT_DOMAINS as readonly string[]).includes(d))) {
    throw badUserInput(`domeinen must name at least one of ${CONSENT_DOMAINS.join(', ')}`);
  }
  if (input.doel !== 'INTEGRALE_AANPAK') throw badUserInput('doel must be INTEGRALE_AANPAK');
  const geldigTot = input.geldigTot ?? null;
  if (geldigTot !== null && checkIsoDate(geldigTot, 'geldigTot') < today) throw badUserInput('geldigTot must be an ISO date (YYYY-MM-DD) not before today');
  const bewijs = input.bewijs;
  if (!KANALEN.has(bewijs.kanaal)) throw badUserInput('bewijs.kanaal must be FORMULIER, DOCUMENT or DIGITAAL');
  // A document number, not a description: short, and no room for a name or a BSN.
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(bewijs.referentie) || /\d{9}/.test(bewijs.referentie)) {
    throw badUserInput('bewijs.referentie must be the reference of the signed form or document: 1–100 letters, digits and . _ / -, no BSN');
  }
  if (checkIsoDate(bewijs.ondertekendOp, 'bewijs.ondertekendOp') > today) throw badUserInput('bewijs.ondertekendOp must not be after today');
  if (!betrokkene) throw badUserInput('betrokkene is not known in the BRP');

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
  return {
    betrokkene: input.betrokkene,
    gegevenDoor: input.gegevenDoor,
    ontvanger: input.ontvanger,
    domeinen,
    doel: 'INTEGRALE_AANPAK',
    geldigVanaf: today,
    geldigTot,
    bewijs: { kanaal: bewijs.kanaal as ToestemmingBewijs['kanaal'], referentie: bewijs.referentie, ondertekendOp: bewijs.ondertekendOp },
  };
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
