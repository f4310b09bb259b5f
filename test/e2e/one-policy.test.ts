import { loadRules, type Role } from '../../policy';
import { RetentionEngine } from '../../retention';
import { generateMunicipality } from '../../municipality';
import { testBsns } from '../../municipality/bsn-pool';
import { retention } from '../../sync/jobs';
import { startTestHub, type GraphQLBody, type TestHub } from '../support/hub';

/**
 * The one policy layer, attacked through the real gateway: a record whose archive term ends
 * today, every role against every kind of organisation and both kinds of consent, `persoon`
 * inside and outside the hub's BRP copy, and organisations the register does not know.
 */

// The hub's clock: sync and policy both judge archive terms and consents by its date.
let now = new Date('2027-06-29T12:00:00Z');
// Wmo voorzieningen are kept 15 years after they end: this one may be kept until 2027-06-29.
const ENDS = { bsn: '999990093', toewijzingNummer: 'TERM-ENDS-2027-06-30', einddatum: '2012-06-30' };
const WITHOUT_WMO = '999990081';

const rules = loadRules();
const PURPOSE: Record<Role, string> = {
  'wmo-consulent': 'WMO_ONDERSTEUNING',
  'jeugd-consulent': 'JEUGDHULP',
  'klantmanager-wi': 'PARTICIPATIE',
  leerplichtambtenaar: 'LEERPLICHT',
  regisseur: 'INTEGRALE_AANPAK',
  partner: 'INTEGRALE_AANPAK',
  'privacy-officer': 'AUDIT',
};

/** An answer with every scalar replaced: what is left is its shape (keys, nulls' places, list lengths). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value === null ? null : typeof value;
}

const codes = (res: GraphQLBody) => (res.errors ?? []).map((e) => `${e.path?.join('.') ?? ''}:${e.extensions?.code}`).sort();

describe('one policy layer', () => {
  let t: TestHub;
  let world: ReturnType<typeof generateMunicipality>;
  let outside: string;
  let unknownToBrp: string;
  let readModelQueries = 0;

  beforeAll(async () => {
    world = generateMunicipality({ inhabitants: 400 });
    world.wmo.push({ ...ENDS, productCategorie: '02', productCode: '02A01', omschrijving: 'Begeleiding', ingangsdatum: '2010-01-01', leveringsvorm: 'ZIN' });
    // No polls in the background: the read-model statements counted below are the requests' own.
    t = await startTestHub({ municipality: world, clock: () => now, env: { JEUGD_POLL_MS: '3600000', LAS_IMPORT_MS: '3600000' } });
    const copied = new Set((await t.hub.db.query<{ bsn: string }>('SELECT bsn FROM brp_persoon')).map((r) => r.bsn));
    outside = world.inhabitants.find((p) => !copied.has(p.bsn) && (p.geboortedatum.year ?? 2000) < 1990)!.bsn;
    const inWorld = new Set(world.inhabitants.map((p) => p.bsn));
    unknownToBrp = testBsns().find((b) => !inWorld.has(b))!;
    const count = t.hub.db.onQuery;
    t.hub.db.onQuery = (sql) => {
      count?.(sql);
      if (/\b(brp_persoon|dossier_record|sync_state)\b/.test(sql)) readModelQueries++;
    };
  });
  afterAll(() => t?.close());

  describe('retention is part of the decision', () => {
    const WMO = 'query($bsn: String!) { persoon(burgerservicenummer: $bsn) { wmo { voorzieningen { toewijzingNummer einddatum } bron { systeem gesynchroniseerdOp } } } }';
    const TIMELINE = 'query($bsn: String!) { huishouden(burgerservicenummer: $bsn) { tijdlijn(eerste: 1000) { datum soort betrokkene { burgerservicenummer } } } }';
    const ask = (query: string, bsn: string) => t.query('wmo-consulent', 'WMO_ONDERSTEUNING', query, { variables: { bsn } });

    it('serves a record up to the day before its archiefactiedatum, and from that day on answers as if it never existed', async () => {
      const before = await ask(WMO, ENDS.bsn);
      expect(before.errors).toBeUndefined();
      expect(before.data!.persoon.wmo.voorzieningen).toEqual([{ toewijzingNummer: ENDS.toewijzingNummer, einddatum: ENDS.einddatum }]);
      const timelineBefore = await ask(TIMELINE, ENDS.bsn);
      expect(timelineBefore.data!.huishouden.tijdlijn).toContainEqual({ datum: ENDS.einddatum, soort: 'VOORZIENING_BEEINDIGD', betrokkene: { burgerservicenummer: ENDS.bsn } });

      now = new Date('2027-06-30T08:00:00Z');
      const on = await ask(WMO, ENDS.bsn);
      const never = await ask(WMO, WITHOUT_WMO);
      // The same answer, to the letter, as for a person the Wmo has never had a record of.
      expect(on).toEqual(never);
      expect(on.data!.persoon.wmo.voorzieningen).toEqual([]);
      const timelineOn = await ask(TIMELINE, ENDS.bsn);
      expect(JSON.stringify(timelineOn)).not.toContain(ENDS.einddatum);
      expect(timelineOn.errors).toBeUndefined();

      // The destruction job then removes what the read path already no longer serves, and says so.
      const copies = () => t.hub.db.query('SELECT 1 FROM dossier_record WHERE id = $1', [ENDS.toewijzingNummer]);
      expect(await copies()).toHaveLength(1);
      const destroyed = await retention({ db: t.hub.db, sources: undefined as never, retention: new RetentionEngine(), ids: undefined as never, now: () => now });
      expect(destroyed.BEWAARTERMIJN_VERSTREKEN).toBeGreaterThanOrEqual(1);
      expect(await copies()).toHaveLength(0);
      expect(await ask(WMO, ENDS.bsn)).toEqual(on);
    });
  });

  describe('every role against every kind of organisation, and a partner’s consent against the municipality’s', () => {
    // 999990019 consented to MEE only, 999990007 to the municipality only; both for every domain.
    const CONSENTS: Record<string, string> = { '999990019': 'mee', '999990007': 'gemeente' };
    const DOMAIN_FIELDS = { WMO: 'wmo { voorzieningen { toewijzingNummer } }', JEUGD: 'jeugd { jeugdhulp { toewijzingNummer } }' } as const;

    beforeAll(async () => {
      for (const [bsn, ontvanger] of Object.entries(CONSENTS)) {
        await t.hub.db.query(
          `INSERT INTO toestemming (id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geregistreerd_op, geregistreerd_door)
           VALUES (gen_random_uuid(), $1, $1, $2, ARRAY['WMO','JEUGD','WERK_INKOMEN','LEERPLICHT'], 'INTEGRALE_AANPAK', DATE '2026-01-01', now(), 'test')`,
          [bsn, ontvanger],
        );
      }
    });

    /** What the rules say one field should give: disclosed ('ok') or the refusal code. */
    function expected(role: Role, org: string, bsn: string, domain: 'BRP' | 'WMO' | 'JEUGD'): string {
      const decide = (d: 'BRP' | 'WMO' | 'JEUGD') => {
        const basis = rules.basis([role], PURPOSE[role] as never, d, d === 'BRP' ? 'BASIS' : 'DOSSIER');
        if (!basis) return 'FORBIDDEN';
        return basis === 'WETTELIJKE_TAAK' || CONSENTS[bsn] === org ? 'ok' : 'CONSENT_REQUIRED';
      };
      const root = decide('BRP');
      return root !== 'ok' || domain === 'BRP' ? root : decide(domain);
    }

    const roles = Object.keys(PURPOSE) as Role[];
    const orgs = [undefined, 'gemeente', 'mee'] as const;
    it.each(roles.flatMap((role) => orgs.map((org) => [role, org ?? '(no org claim)'] as const)))('%s with %s', async (role, orgLabel) => {
      const org = orgLabel === '(no org claim)' ? undefined : orgLabel;
      const actsFor = org ?? 'gemeente';
      const fits = rules.organisationKindOf(role) === (actsFor === 'mee' ? 'PARTNER' : 'GEMEENTE');
      for (const bsn of Object.keys(CONSENTS)) {
        for (const domain of ['BRP', 'WMO', 'JEUGD'] as const) {
          const field = domain === 'BRP' ? 'naam { volledigeNaam }' : DOMAIN_FIELDS[domain];
          // Partners may send only registered operations: ask what the registered view contains.
          const query = `query($bsn: String!) { persoon(burgerservicenummer: $bsn) { burgerservicenummer ${field} } }`;
          const res = await t.post({ query, variables: { bsn } }, { authorization: `Bearer ${await t.token(role, org)}`, 'x-purpose': PURPOSE[role] });
          if (!fits) {
            expect({ bsn, domain, status: res.status, codes: codes(res.body) }).toEqual({ bsn, domain, status: 403, codes: [':ORGANISATION_NOT_ALLOWED'] });
            continue;
          }
          const want = expected(role, actsFor, bsn, domain);
          const got = res.body.errors?.length ? String(res.body.errors[0].extensions?.code) : 'ok';
          expect({ bsn, domain, got, status: res.status }).toEqual({ bsn, domain, got: want, status: 200 });
        }
      }
    });
  });

  describe('persoon answers alike for everyone the BRP knows', () => {
    // Within the partners' registered view, so that every role can send it.
    const PERSOON = 'query($bsn: String!) { persoon(burgerservicenummer: $bsn) { burgerservicenummer naam { volledigeNaam } leeftijd wmo { voorzieningen { toewijzingNummer } bron { systeem } } } }';
    const measured = async (role: Role, bsn: string, org?: string) => {
      readModelQueries = 0;
      const res = await t.query(role, PURPOSE[role], PERSOON, { variables: { bsn }, org });
      return { res, queries: readModelQueries };
    };

    it('gives the same shape, codes and read-model query count inside and outside the copy', async () => {
      for (const [role, org] of [['wmo-consulent', undefined], ['regisseur', undefined], ['partner', 'mee-none']] as const) {
        const inside = await measured(role, WITHOUT_WMO, org);
        const out = await measured(role, outside, org);
        expect(codes(inside.res)).not.toContain(':OPERATION_NOT_TRUSTED');
        expect({ role, shape: shape(out.res.data), codes: codes(out.res) }).toEqual({ role, shape: shape(inside.res.data), codes: codes(inside.res) });
        expect({ role, queries: out.queries }).toEqual({ role, queries: inside.queries });
      }
      const consulent = await measured('wmo-consulent', outside);
      expect(consulent.res.data!.persoon).toMatchObject({ burgerservicenummer: outside, naam: { volledigeNaam: expect.any(String) }, wmo: { voorzieningen: [], bron: { systeem: 'GWS' } } });
    });

    it('audits the read of a person outside the copy, and keeps nothing of it', async () => {
      await measured('wmo-consulent', outside);
      const records = await t.hub.db.query<{ verstrekt: string[] }>("SELECT verstrekt FROM audit_record WHERE betrokkene = $1 AND bron = 'brp'", [outside]);
      expect(records.flatMap((r) => r.verstrekt)).toContain('Persoon.naam');
      expect(await t.hub.db.query('SELECT 1 FROM brp_persoon WHERE bsn = $1', [outside])).toHaveLength(0);
    });

    it('lists every household as the BRP has it, also where the copy holds only one of its members', async () => {
      // A parent copied for a minor living elsewhere: the copy does not hold the parent's housemates.
      const partial = await t.hub.db.query<{ bsn: string }>('SELECT bsn FROM brp_persoon WHERE NOT huishouden_volledig ORDER BY bsn LIMIT 3');
      expect(partial.length).toBeGreaterThan(0);
      for (const bsn of [...partial.map((r) => r.bsn), outside, WITHOUT_WMO]) {
        const address = world.inhabitants.find((p) => p.bsn === bsn)!.adresseerbaarObjectId;
        const residents = world.inhabitants.filter((p) => p.adresseerbaarObjectId === address).map((p) => p.bsn).sort();
        const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', 'query($bsn: String!) { huishouden(burgerservicenummer: $bsn) { leden { burgerservicenummer } } }', { variables: { bsn } });
        expect({ bsn, leden: res.data!.huishouden.leden.map((l: { burgerservicenummer: string }) => l.burgerservicenummer).sort() }).toEqual({ bsn, leden: residents });
      }
    });

    it('answers null only where the BRP does not know the BSN, for every caller alike', async () => {
      const consulent = await measured('wmo-consulent', unknownToBrp);
      expect(consulent.res).toEqual({ data: { persoon: null } });
      // A partner without consent gets CONSENT_REQUIRED whether the BRP knows the person or not.
      const partnerUnknown = await measured('partner', unknownToBrp, 'mee-none');
      const partnerKnown = await measured('partner', outside, 'mee-none');
      expect(partnerUnknown.res).toEqual(partnerKnown.res);
      expect(codes(partnerUnknown.res)).toEqual(['persoon:CONSENT_REQUIRED']);
    });
  });

  it('refuses a token whose organisation is not in the register', async () => {
    for (const role of ['partner', 'regisseur'] as const) {
      const res = await t.post({ query: '{ persoon(burgerservicenummer: "999990019") { burgerservicenummer } }' }, { authorization: `Bearer ${await t.token(role, 'onbekend')}`, 'x-purpose': 'INTEGRALE_AANPAK' });
      expect({ role, status: res.status, body: res.body }).toEqual({ role, status: 403, body: { errors: [{ message: expect.any(String), extensions: { code: 'ORGANISATION_UNKNOWN' } }] } });
    }
  });
});
