import type { PersoonRecord } from '../domain/records';
import type { PersonDirectory, StoredRecord } from '../read-model';
import { RetentionEngine } from '../retention';
import type { ConsentStore } from './consent/store';
import { loadOrganisations } from './organisations';
import { RequestMemo } from './request-memo';
import { RequestPolicy, type AccessRecorder } from './request-policy';
import { loadRules } from './rules';
import type { ConsentDomain, Purpose, RequestContext, Role } from './types';

const rules = loadRules();
const organisations = loadOrganisations();

function request(role: Role, doel: Purpose, organisatie = 'gemeente'): RequestContext {
  return { actor: { sub: 'u1', organisatie, rollen: [role] }, doel, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), operationName: null, documentHash: null };
}

/** A recorder that keeps what it was told, as the audit log would. */
function recorder() {
  const seen: string[] = [];
  const r: AccessRecorder = {
    disclosed: (s, c) => void seen.push(`+ ${s} ${c}`),
    withheld: (s, c, code) => void seen.push(`- ${s} ${c} ${code}`),
    processedWithoutSubject: (c, code) => void seen.push(`0 ${c}${code ? ` ${code}` : ''}`),
  };
  return { r, seen };
}

/** The policy's environment with its two stores as in-memory fakes: consents keyed `subject|ontvanger`, and the BRP. */
function policyFor(req: RequestContext, opts: { secret?: string[]; unknown?: string[]; consents?: Record<string, ConsentDomain[]>; today?: string } = {}) {
  const calls = { persons: 0, consents: 0 };
  const consents = {
    async domainsInForce(qs: ReadonlyArray<{ subject: string; ontvanger: string }>) {
      calls.consents++;
      return qs.map((q) => new Set(opts.consents?.[`${q.subject}|${q.ontvanger}`] ?? []));
    },
  } as unknown as ConsentStore;
  const persons = {
    async persons(bsns: readonly string[]) {
      calls.persons++;
      return new Map(bsns.filter((b) => !opts.unknown?.includes(b)).map((b) => [b, { record: { burgerservicenummer: b, geheimhouding: opts.secret?.includes(b) ?? false } as PersoonRecord, syncedAt: '', householdInCopy: true }]));
    },
  } as unknown as PersonDirectory;
  const { r, seen } = recorder();
  const clock = () => new Date(`${opts.today ?? '2026-12-01'}T10:00:00Z`);
  const policy = new RequestPolicy(req, { rules, organisations, consents, persons, retention: new RetentionEngine(), clock, consentMemo: new RequestMemo() }, r);
  return { policy, calls, seen };
}

describe('RequestPolicy', () => {
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
    const decision = await policyFor(request(role, doel)).policy.decide('999990019', domain, 'DOSSIER');
    expect(decision.allowed ? true : decision.code).toBe(expected);
  });

  it('opens a consent domain only for the organisation and domain the consent names', async () => {
    const consents = { '999990044|mee': ['JEUGD'] as ConsentDomain[] };
    const mee = policyFor(request('partner', 'INTEGRALE_AANPAK', 'mee'), { consents }).policy;
    expect(await mee.decide('999990044', 'JEUGD', 'DOSSIER')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
    expect(await mee.decide('999990044', 'WMO', 'DOSSIER')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
    expect(await mee.decide('999990044', 'BRP', 'BASIS')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
    const ggz = policyFor(request('partner', 'INTEGRALE_AANPAK', 'ggz'), { consents }).policy;
    expect(await ggz.decide('999990044', 'JEUGD', 'DOSSIER')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
  });

  it('opens nothing to an actor whose organisation is unknown or does not fit its role, whatever the consents say', async () => {
    const consents = { '999990044|gemeente': ['JEUGD'] as ConsentDomain[], '999990044|mee': ['JEUGD'] as ConsentDomain[], '999990044|onbekend': ['JEUGD'] as ConsentDomain[] };
    // A partner token naming the municipality, a regisseur naming a partner, an unregistered organisation.
    for (const req of [request('partner', 'INTEGRALE_AANPAK', 'gemeente'), request('regisseur', 'INTEGRALE_AANPAK', 'mee'), request('regisseur', 'INTEGRALE_AANPAK', 'onbekend')]) {
      const { policy } = policyFor(req, { consents });
      expect(policy.organisation).toBeUndefined();
      expect(await policy.decide('999990044', 'JEUGD', 'DOSSIER')).toEqual({ allowed: false, code: 'FORBIDDEN' });
      expect(await policy.decide('999990044', 'BRP', 'BASIS')).toEqual({ allowed: false, code: 'FORBIDDEN' });
    }
    // The municipality's regisseur with the municipality's consent: opened.
    expect(await policyFor(request('regisseur', 'INTEGRALE_AANPAK'), { consents }).policy.decide('999990044', 'JEUGD', 'DOSSIER')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
  });

  it('never discloses a person with geheimhouding to a partner, and does not ask the BRP without consent', async () => {
    const { policy: mee, calls } = policyFor(request('partner', 'INTEGRALE_AANPAK', 'mee'), { secret: ['999990135'], consents: { '999990135|mee': ['WMO'] } });
    // Without consent the answer is the plain CONSENT_REQUIRED: geheimhouding is not revealed, and not looked up.
    expect(await mee.decide('999990135', 'JEUGD', 'DOSSIER')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
    expect(calls.persons).toBe(0);
    expect(await mee.decide('999990135', 'WMO', 'DOSSIER')).toEqual({ allowed: false, code: 'FORBIDDEN' });
    // The municipality's own staff are not third parties.
    const consulent = policyFor(request('wmo-consulent', 'WMO_ONDERSTEUNING'), { secret: ['999990135'] }).policy;
    expect(await consulent.decide('999990135', 'WMO', 'DOSSIER')).toEqual({ allowed: true, basis: 'WETTELIJKE_TAAK' });
  });

  it('withholds from a partner a person the BRP does not know', async () => {
    const mee = policyFor(request('partner', 'INTEGRALE_AANPAK', 'mee'), { unknown: ['999999990'], consents: { '999999990|mee': ['WMO'] } }).policy;
    expect(await mee.decide('999999990', 'WMO', 'DOSSIER')).toEqual({ allowed: false, code: 'FORBIDDEN' });
  });

  it('decides once per subject and batches lookups across subjects', async () => {
    const { policy, calls } = policyFor(request('partner', 'INTEGRALE_AANPAK', 'mee'), { consents: { '999990007|mee': ['WMO'], '999990019|mee': ['WMO'] } });
    const subjects = ['999990007', '999990019', '999990032', '999990044'];
    await Promise.all(subjects.flatMap((b) => [policy.decide(b, 'WMO', 'DOSSIER'), policy.decide(b, 'WMO', 'DOSSIER')]));
    expect(calls).toEqual({ persons: 1, consents: 1 });
    // A second ask is answered from the cache, synchronously.
    expect(policy.decide('999990007', 'WMO', 'DOSSIER')).toEqual({ allowed: true, basis: 'TOESTEMMING' });
  });

  it('records every outcome of a guard, and throws the refusal', async () => {
    const { policy, seen } = policyFor(request('wmo-consulent', 'WMO_ONDERSTEUNING'));
    await policy.guard('999990019', 'WMO', 'DOSSIER', 'Persoon.wmo');
    await expect(policy.guard('999990019', 'JEUGD', 'DOSSIER', 'Persoon.jeugd')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(() => policy.guardUnscoped('AUDIT', 'LOG', 'Query.auditRecords', '999990019')).toThrow();
    expect(() => policy.guardUnscoped('AUDIT', 'LOG', 'Query.verifieerAuditLog')).toThrow();
    expect(seen).toEqual(['+ 999990019 Persoon.wmo', '- 999990019 Persoon.jeugd FORBIDDEN', '- 999990019 Query.auditRecords FORBIDDEN', '0 Query.verifieerAuditLog FORBIDDEN']);
  });

  describe('visible', () => {
    const wmo = (bsn: string, einddatum: string | null): StoredRecord => ({ type: 'WMO_VOORZIENING', bsn, record: { burgerservicenummer: bsn, toewijzingNummer: `T-${bsn}-${einddatum}`, einddatum }, birth: null });

    it('withholds a record from the day its term ends, exactly as if it did not exist', async () => {
      // Wmo voorzieningen are kept 15 years after their end: one that ended 2011-12-01 goes on 2026-12-01.
      const records = [wmo('999990019', '2011-12-01'), wmo('999990019', null)];
      const before = policyFor(request('wmo-consulent', 'WMO_ONDERSTEUNING'), { today: '2026-11-30' });
      const on = policyFor(request('wmo-consulent', 'WMO_ONDERSTEUNING'), { today: '2026-12-01' });
      expect((await before.policy.visibleRecords(records, 'WmoDossier.voorzieningen')).length).toBe(2);
      expect(await on.policy.visibleRecords(records, 'WmoDossier.voorzieningen')).toEqual([records[1]]);
      // Nothing in the log tells of the expired one either: the subject is recorded as disclosed, no refusal.
      expect(on.seen).toEqual(['+ 999990019 WmoDossier.voorzieningen']);
      const none = policyFor(request('wmo-consulent', 'WMO_ONDERSTEUNING'), { today: '2026-12-01' });
      expect(await none.policy.visibleRecords([wmo('999990019', '2011-12-01')], 'WmoDossier.voorzieningen')).toEqual([]);
      expect(none.seen).toEqual([]);
    });

    it('leaves out silently what the actor may not see, and records the refusal per subject', async () => {
      const { policy, seen } = policyFor(request('regisseur', 'INTEGRALE_AANPAK'), { consents: { '999990019|gemeente': ['WMO'] } });
      const shown = await policy.visibleRecords([wmo('999990019', null), wmo('999990007', null)], 'Huishouden.tijdlijn');
      expect(shown.map((r) => r.bsn)).toEqual(['999990019']);
      expect(seen).toEqual(['+ 999990019 Huishouden.tijdlijn', '- 999990007 Huishouden.tijdlijn CONSENT_REQUIRED']);
    });
  });
});
