import { CONSENT_DOMAINS, PURPOSES, ROLES, type ConsentDomain, type Domain, type Purpose } from './types';
import { consentStatus, inForce, type ConsentTerm } from './consent/in-force';
import { conclude, type Decision } from './decision';
import type { OrganisationRegister } from './organisations';
import type { Rules } from './rules';

/** The consent states a row is decided for, each as a consent whose dates make it so. */
const DAY = '2026-06-15';
const CONSENT_STATES: Array<{ label: string; consent: ConsentTerm | null }> = [
  { label: 'geen toestemming', consent: null },
  { label: 'toestemming actief', consent: { geldigVanaf: '2026-01-01', geldigTot: null, ingetrokkenOp: null } },
  { label: 'toestemming verlopen', consent: { geldigVanaf: '2026-01-01', geldigTot: '2026-06-14', ingetrokkenOp: null } },
  { label: 'toestemming ingetrokken', consent: { geldigVanaf: '2026-01-01', geldigTot: null, ingetrokkenOp: '2026-06-01T10:00:00Z' } },
];

function cell(d: Decision): string {
  return d.allowed ? `✔ ${d.basis}` : d.code;
}

/**
 * docs/policy-matrix.md: every role × purpose × (domain, category) × consent state, decided by the
 * same `conclude` the hub runs on every request, from the rules and register as loaded. A rules
 * change therefore shows as a diff of this table, which a privacy officer can review.
 */
export function renderPolicyMatrix(rules: Rules, organisations: OrganisationRegister): string {
  const categories = [...new Map(rules.file.rules.flatMap((r) => r.grants.map((g) => [`${g.domain}/${g.category}`, { domain: g.domain as Domain, category: g.category }]))).values()];
  const out: string[] = [
    '# Policy matrix',
    '',
    `Generated from \`policy/rules.yaml\` (version ${rules.version}) and \`policy/organisaties.yaml\` by \`npm run codegen\`; do not edit by hand. A test fails when it is stale.`,
    '',
    'Each cell is what a request gets for one data subject: `✔ BASIS` (disclosed, on that legal basis) or the refusal code on the field (`FORBIDDEN`, `CONSENT_REQUIRED`, see docs/CONTRACT.md). "Toestemming" means a consent of the subject (under 16: of a parent with gezag) naming the requesting organisation, the domain and the purpose. For BRP/BASIS any consent in force about the person counts. In every cell, a record past its archiefactiedatum is not served at all, as if it did not exist.',
    '',
    '## Roles and organisations',
    '',
    '| role | acts for | may claim |',
    '|---|---|---|',
    ...ROLES.map((role) => `| ${role} | ${rules.organisationKindOf(role)} | ${PURPOSES.filter((p) => rules.mayClaim([role], p)).join(', ') || '—'} |`),
    '',
    'A token whose `org` is not in the register gets HTTP 403 `ORGANISATION_UNKNOWN`; a token whose roles do not act for its organisation\'s kind gets HTTP 403 `ORGANISATION_NOT_ALLOWED`; a purpose the role may not claim gets HTTP 403 `PURPOSE_NOT_ALLOWED`. A consent opens data only to the organisation it names, so to its own kind of role: a partner organisation\'s consent to that partner\'s tokens, a consent naming the municipality to the municipality\'s own roles.',
    '',
    '| organisation | name | kind |',
    '|---|---|---|',
    ...organisations.all.map((o) => `| ${o.code} | ${o.naam} | ${o.soort} |`),
    '',
  ];
  for (const role of ROLES) {
    const thirdParty = rules.organisationKindOf(role) === 'PARTNER';
    for (const purpose of PURPOSES) {
      if (!rules.mayClaim([role], purpose)) continue;
      out.push(`## ${role} × ${purpose}`, '');
      const header = ['domain / category', 'rule', ...CONSENT_STATES.map((s) => s.label), ...(thirdParty ? ['BRP geheimhouding, toestemming actief'] : [])];
      out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
      for (const { domain, category } of categories) {
        const basis = rules.basis([role], purpose as Purpose, domain, category);
        const decide = (consent: ConsentTerm | null, geheimhouding: boolean) => {
          const consented = new Set<ConsentDomain>(consent && inForce(consent, DAY) ? CONSENT_DOMAINS : []);
          return conclude(basis, domain, thirdParty, { consented, geheimhouding });
        };
        const cells = [`${domain} / ${category}`, basis ?? '—', ...CONSENT_STATES.map((s) => cell(decide(s.consent, false))), ...(thirdParty ? [cell(decide(CONSENT_STATES[1].consent, true))] : [])];
        out.push(`| ${cells.join(' | ')} |`);
      }
      out.push('');
    }
  }
  // The states are defined by the one consent rule; say so, so a reader can check the dates.
  out.push('Consent states as decided on ' + DAY + ': ' + CONSENT_STATES.filter((s) => s.consent).map((s) => `${s.label} = ${consentStatus(s.consent!, DAY)}`).join(', ') + '.', '');
  return out.join('\n');
}

