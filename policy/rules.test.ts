import { loadRules, Rules } from './rules';

describe('Rules', () => {
  const rules = loadRules();
  const rollen = rules.file.rollen;

  it('lets each role claim exactly the purposes docs/CONTRACT.md gives it', () => {
    expect(rules.mayClaim(['wmo-consulent'], 'WMO_ONDERSTEUNING')).toBe(true);
    expect(rules.mayClaim(['wmo-consulent'], 'LEERPLICHT')).toBe(false);
    expect(rules.mayClaim(['partner'], 'INTEGRALE_AANPAK')).toBe(true);
    expect(rules.mayClaim(['privacy-officer'], 'WMO_ONDERSTEUNING')).toBe(false);
    expect(rules.mayClaim([], 'AUDIT')).toBe(false);
  });

  it('opens a domain on the statutory task, on consent, or not at all', () => {
    expect(rules.basis(['wmo-consulent'], 'WMO_ONDERSTEUNING', 'WMO', 'DOSSIER')).toBe('WETTELIJKE_TAAK');
    expect(rules.basis(['wmo-consulent'], 'WMO_ONDERSTEUNING', 'JEUGD', 'DOSSIER')).toBeUndefined();
    expect(rules.basis(['regisseur'], 'INTEGRALE_AANPAK', 'JEUGD', 'DOSSIER')).toBe('TOESTEMMING');
    expect(rules.basis(['privacy-officer'], 'AUDIT', 'WMO', 'DOSSIER')).toBeUndefined();
  });

  it('prefers the statutory task when roles disagree', () => {
    const r = new Rules({
      version: 't',
      rollen,
      rules: [
        { role: 'regisseur', purpose: 'INTEGRALE_AANPAK', grants: [{ domain: 'WMO', category: 'DOSSIER', basis: 'TOESTEMMING' }] },
        { role: 'wmo-consulent', purpose: 'INTEGRALE_AANPAK', grants: [{ domain: 'WMO', category: 'DOSSIER', basis: 'WETTELIJKE_TAAK' }] },
      ],
    });
    expect(r.basis(['regisseur', 'wmo-consulent'], 'INTEGRALE_AANPAK', 'WMO', 'DOSSIER')).toBe('WETTELIJKE_TAAK');
  });

  it('names the kind of organisation each role acts for', () => {
    expect(rules.organisationKindOf('partner')).toBe('PARTNER');
    expect(rules.organisationKindOf('regisseur')).toBe('GEMEENTE');
    expect(rules.organisationKindOf('privacy-officer')).toBe('GEMEENTE');
  });

  it('rejects a rules file that names a grant twice', () => {
    const grant = { domain: 'WMO' as const, category: 'DOSSIER', basis: 'TOESTEMMING' as const };
    expect(() => new Rules({ version: 't', rollen, rules: [{ role: 'partner', purpose: 'INTEGRALE_AANPAK', grants: [grant, grant] }] })).toThrow(/twice/);
  });
});
