import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicyMatrix } from './matrix';
import { loadOrganisations } from './organisations';
import { loadRules } from './rules';

describe('docs/policy-matrix.md', () => {
  const rules = loadRules();
  const matrix = renderPolicyMatrix(rules, loadOrganisations());

  it('is what the rules and the register give now (run `npm run codegen` after changing either)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'policy-matrix.md'), 'utf8')).toBe(matrix);
  });

  it('decides every row with the hub’s own rule', () => {
    const row = (section: string, domain: string) => {
      const part = matrix.split(`## ${section}\n`)[1].split('\n## ')[0];
      return part.split('\n').find((l) => l.startsWith(`| ${domain} |`))!.split(' | ').slice(1).map((c) => c.replace(/ \|$/, ''));
    };
    // rule, none, active, expired, revoked (, geheimhouding with an active consent)
    expect(row('regisseur × INTEGRALE_AANPAK', 'JEUGD / DOSSIER')).toEqual(['TOESTEMMING', 'CONSENT_REQUIRED', '✔ TOESTEMMING', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED']);
    expect(row('partner × INTEGRALE_AANPAK', 'BRP / BASIS')).toEqual(['TOESTEMMING', 'CONSENT_REQUIRED', '✔ TOESTEMMING', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED', 'FORBIDDEN']);
    expect(row('wmo-consulent × WMO_ONDERSTEUNING', 'JEUGD / DOSSIER')).toEqual(['—', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(row('privacy-officer × AUDIT', 'AUDIT / LOG')[0]).toBe('WETTELIJKE_TAAK');
  });
});
