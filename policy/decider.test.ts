import { PolicyDecider, type PolicySources } from './decider';
import { loadRules } from './rules';
import type { ConsentDomain, RequestContext, Role, Purpose } from './types';

const rules = loadRules();

function request(role: Role, doel: Purpose, organisatie: string | null = null): RequestContext {
  return { actor: { sub: 'u1', organisatie, rollen: [role] }, doel, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), operationName: null, documentHash: null };
}

function sources(opts: { secret?: string[]; consents?: Record<string, ConsentDomain[]> } = {}) {
  const calls = { facts: 0, consents: 0 };
  const s: PolicySources = {
    rules,
    async subjectFacts(bsns) {
      calls.facts++;
      return new Map(bsns.filter((b) => b !== '999999990').map((b) => [b, { geheimhouding: opts.secret?.includes(b) ?? false }]));
    },
    async consentedDomains(qs) {
      calls.consents++;
      return qs.map((q) => new Set(opts.consents?.[`${q.subject}|${q.organisatie}`] ?? []));
    },
  };
  return { s, calls };
}

describe('PolicyDecider', () => {
  it.each([
    ['wmo-consulent', 'WMO_ONDERSTEUNING', 'WMO', true],
    ['wmo-consulent', 'WMO_ONDERSTEUNING', 'JEUGD', 'FORBIDDEN'],
    ['jeugd-consulent', 'JEUGDHULP', 'JEUGD', true],
    ['klantmanager-wi', 'PARTICIPATIE', 'WERK_INKOMEN', true],
    ['leerplichtambtenaar', 'LEERPLICHT', 'LEERPLICHT', true],
    ['leerplichtambtenaar', 'LEERPLICHT', 'WMO', 'FORBIDDEN'],
    ['regisseur', 'INTEGRALE_AANPAK', 'WMO', 'CONSENT_REQUIRED'],
    ['privacy-officer', 'AUDIT', 'WMO', 'FORBIDDEN'],
  ] as const)('%s with %s on %s → %s', async (role, doel, domain, expected) => {
    const d = new PolicyDecider(request(role, doel), sources().s);
    const decision = await d.decide('999990019', domain, 'DOSSIER');
    expect(decision.allowed ? true : decision.code).toBe(expected);
  });

  it('opens a consent domain only for the organisation and domain the consent names', async () => {
    const { s } = sources({ consents: { '999990044|mee': ['JEUGD'] } });
    const mee = new PolicyDecider(request('partner', 'INTEGRALE_AANPAK', 'mee'), s);
    expect(await mee.decide('999990044', 'JEUGD', 'DOSSIER')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
    expect(await mee.decide('999990044', 'WMO', 'DOSSIER')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
    expect(await mee.decide('999990044', 'BRP', 'BASIS')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
    const ggz = new PolicyDecider(request('partner', 'INTEGRALE_AANPAK', 'ggz'), s);
    expect(await ggz.decide('999990044', 'JEUGD', 'DOSSIER')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
  });

  it('never discloses a person with geheimhouding to a partner, consent or not', async () => {
    const { s } = sources({ secret: ['999990135'], consents: { '999990135|mee': ['WMO'] } });
    const mee = new PolicyDecider(request('partner', 'INTEGRALE_AANPAK', 'mee'), s);
    expect(await mee.decide('999990135', 'WMO', 'DOSSIER')).toEqual({ allowed: false, code: 'FORBIDDEN' });
    // Without consent the answer is the plain CONSENT_REQUIRED: geheimhouding is not revealed.
    expect(await mee.decide('999990135', 'JEUGD', 'DOSSIER')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
    // The municipality's own staff are not third parties.
    const consulent = new PolicyDecider(request('wmo-consulent', 'WMO_ONDERSTEUNING'), s);
    expect(await consulent.decide('999990135', 'WMO', 'DOSSIER')).toEqual({ allowed: true, basis: 'WETTELIJKE_TAAK' });
  });

  it('withholds from a partner a person the BRP copy does not know', async () => {
    const { s } = sources({ consents: { '999999990|mee': ['WMO'] } });
    const mee = new PolicyDecider(request('partner', 'INTEGRALE_AANPAK', 'mee'), s);
    expect(await mee.decide('999999990', 'WMO', 'DOSSIER')).toEqual({ allowed: false, code: 'FORBIDDEN' });
  });

  it('decides once per subject and batches lookups across subjects', async () => {
    const { s, calls } = sources({ consents: { '999990007|mee': ['WMO'], '999990019|mee': ['WMO'] } });
    const d = new PolicyDecider(request('partner', 'INTEGRALE_AANPAK', 'mee'), s);
    const subjects = ['999990007', '999990019', '999990032', '999990044'];
    await Promise.all(subjects.flatMap((b) => [d.decide(b, 'WMO', 'DOSSIER'), d.decide(b, 'WMO', 'DOSSIER')]));
    expect(calls).toEqual({ facts: 1, consents: 1 });
    // A second ask is answered from the cache, synchronously.
    expect(d.decide('999990007', 'WMO', 'DOSSIER')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
  });
});
