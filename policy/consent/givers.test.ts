import type { PersoonRecord } from '../../domain/records';
import { loadOrganisations } from '../organisations';
import { isUnder, validateToestemming } from './givers';

const organisations = loadOrganisations();
const TODAY = '2026-12-01';
const CHILD = '999990044';
const PARENT = '999990019';
const OTHER = '999990007';

const persoon = (over: Partial<PersoonRecord>): PersoonRecord =>
  ({ burgerservicenummer: CHILD, geboortedatum: null, geboortedatumOnvolledig: null, gezag: [], ouders: [], geheimhouding: false, ...over }) as PersoonRecord;
const BEWIJS = { kanaal: 'FORMULIER', referentie: 'TOE-2026-0042', ondertekendOp: '2026-11-28' };
const input = (over: Partial<Parameters<typeof validateToestemming>[0]> = {}) => ({ betrokkene: CHILD, gegevenDoor: CHILD, ontvanger: 'mee', domeinen: ['JEUGD'], doel: 'INTEGRALE_AANPAK', bewijs: BEWIJS, ...over });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

describe('who may give a consent', () => {
  it('knows whether someone is under 16 from a full or a partial birth date, and says so when it cannot', () => {
    expect(isUnder(persoon({ geboortedatum: '2010-12-02' }), 16, TODAY)).toBe(true);
    expect(isUnder(persoon({ geboortedatum: '2010-12-01' }), 16, TODAY)).toBe(false);
    expect(isUnder(persoon({ geboortedatumOnvolledig: { jaar: 2012, maand: null } }), 16, TODAY)).toBe(true);
    expect(isUnder(persoon({ geboortedatumOnvolledig: { jaar: 1990, maand: null } }), 16, TODAY)).toBe(false);
    // Born in 2010, month unknown: 15 or 16 today.
    expect(isUnder(persoon({ geboortedatumOnvolledig: { jaar: 2010, maand: null } }), 16, TODAY)).toBeNull();
    expect(isUnder(persoon({}), 16, TODAY)).toBeNull();
  });

  it('under 16 takes it only from a parent with gezag, from 16 only from the person', () => {
    const child = persoon({ geboortedatum: '2014-05-01', gezag: [{ type: 'GezamenlijkOuderlijkGezag', ouders: [PARENT], minderjarige: CHILD }] });
    expect(validateToestemming(input({ gegevenDoor: PARENT }), child, TODAY, organisations)).toMatchObject({ betrokkene: CHILD, gegevenDoor: PARENT, geldigVanaf: TODAY, geldigTot: null, bewijs: BEWIJS });
    expect(refusal(() => validateToestemming(input({ gegevenDoor: OTHER }), child, TODAY, organisations))).toMatch(/parent with authority/);
    expect(refusal(() => validateToestemming(input(), child, TODAY, organisations))).toMatch(/parent with authority/);
    const adult = persoon({ geboortedatum: '2000-01-01' });
    expect(refusal(() => validateToestemming(input(), adult, TODAY, organisations))).toBe('accepted');
    expect(refusal(() => validateToestemming(input({ gegevenDoor: PARENT }), adult, TODAY, organisations))).toMatch(/only betrokkene/);
    expect(refusal(() => validateToestemming(input(), persoon({ geboortedatumOnvolledig: { jaar: 2010, maand: null } }), TODAY, organisations))).toMatch(/cannot be established/);
  });

  it('records nothing without evidence of how the consent was obtained', () => {
    const adult = persoon({ geboortedatum: '2000-01-01' });
    const withBewijs = (over: Partial<typeof BEWIJS>) => refusal(() => validateToestemming(input({ bewijs: { ...BEWIJS, ...over } }), adult, TODAY, organisations));
    expect(withBewijs({ kanaal: 'MONDELING' })).toMatch(/kanaal/);
    expect(withBewijs({ referentie: '' })).toMatch(/referentie/);
    expect(withBewijs({ referentie: 'formulier van 999990019' })).toMatch(/referentie/);
    expect(withBewijs({ referentie: 'TOE999990019' })).toMatch(/no BSN/);
    expect(withBewijs({ ondertekendOp: '2026-12-02' })).toMatch(/not be after today/);
    expect(withBewijs({ ondertekendOp: '28-11-2026' })).toMatch(/ISO date/);
  });

  it('names a recipient from the register, a known person and valid dates — never a person in its messages', () => {
    const adult = persoon({ geboortedatum: '2000-01-01' });
    expect(refusal(() => validateToestemming(input({ ontvanger: 'onbekend' }), adult, TODAY, organisations))).toMatch(/organisation register/);
    expect(refusal(() => validateToestemming(input(), null, TODAY, organisations))).toMatch(/not known in the BRP/);
    expect(refusal(() => validateToestemming(input({ geldigTot: '2026-11-30' }), adult, TODAY, organisations))).toMatch(/not before today/);
    expect(refusal(() => validateToestemming(input({ geldigTot: '2026-02-30' }), adult, TODAY, organisations))).toMatch(/ISO date/);
    expect(refusal(() => validateToestemming(input({ betrokkene: '123456789' }), adult, TODAY, organisations))).toMatch(/elfproef/);
    for (const message of [refusal(() => validateToestemming(input({ gegevenDoor: PARENT }), adult, TODAY, organisations))]) expect(message).not.toMatch(/9999/);
  });
});
