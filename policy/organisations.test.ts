import { loadOrganisations, OrganisationRegister } from './organisations';
import { loadRules } from './rules';

describe('the organisation register', () => {
  const rules = loadRules();
  const register = loadOrganisations();

  it('lets a token act only for a registered organisation of the kind its roles act for', () => {
    expect(register.resolve({ sub: 's', organisatie: null, rollen: ['regisseur'] }, rules)).toEqual({ actor: { sub: 's', organisatie: 'gemeente', rollen: ['regisseur'] } });
    expect(register.resolve({ sub: 's', organisatie: 'mee', rollen: ['partner'] }, rules)).toEqual({ actor: { sub: 's', organisatie: 'mee', rollen: ['partner'] } });
    const code = (org: string | null, role: 'partner' | 'regisseur' | 'wmo-consulent') => {
      const r = register.resolve({ sub: 's', organisatie: org, rollen: [role] }, rules);
      return 'refusal' in r ? r.refusal.code : 'ok';
    };
    expect(code('onbekend', 'partner')).toBe('ORGANISATION_UNKNOWN');
    expect(code(null, 'partner')).toBe('ORGANISATION_NOT_ALLOWED');
    expect(code('gemeente', 'partner')).toBe('ORGANISATION_NOT_ALLOWED');
    expect(code('mee', 'wmo-consulent')).toBe('ORGANISATION_NOT_ALLOWED');
    // A token with roles of both kinds acts for neither.
    expect('refusal' in register.resolve({ sub: 's', organisatie: 'mee', rollen: ['partner', 'regisseur'] }, rules)).toBe(true);
  });

  it('holds exactly one municipality and no code twice', () => {
    expect(() => new OrganisationRegister([{ code: 'mee', naam: 'MEE', soort: 'PARTNER' }])).toThrow(/exactly one/);
    expect(() => new OrganisationRegister([{ code: 'a', naam: 'A', soort: 'GEMEENTE' }, { code: 'b', naam: 'B', soort: 'GEMEENTE' }])).toThrow(/exactly one/);
    expect(() => new OrganisationRegister([{ code: 'a', naam: 'A', soort: 'GEMEENTE' }, { code: 'a', naam: 'A2', soort: 'PARTNER' }])).toThrow(/twice/);
  });
});
