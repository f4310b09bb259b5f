import { generateMunicipality } from '../../municipality';
import type { Municipality } from '../../municipality/types';
import type { Role } from '../../policy';
import { startTestHub, type GraphQLBody, type TestHub } from '../support/hub';

/**
 * Consent-, purpose- and retention-aware resolution through the real gateway: who sees what, on
 * which basis, and that a refusal never tells whether there was anything to refuse.
 */

type Domain = 'WMO' | 'JEUGD' | 'WERK_INKOMEN' | 'LEERPLICHT';
const FIELD: Record<Domain, string> = { WMO: 'wmo', JEUGD: 'jeugd', WERK_INKOMEN: 'werkEnInkomen', LEERPLICHT: 'leerplicht' };
const DOMAINS = Object.keys(FIELD) as Domain[];

const PERSOON = `query P($bsn: String!) { persoon(burgerservicenummer: $bsn) {
  burgerservicenummer
  wmo { voorzieningen { toewijzingNummer } }
  jeugd { jeugdhulp { toewijzingNummer } }
  werkEnInkomen { uitkeringen { dossierNummer } }
  leerplicht { inschrijvingen { brin ingangsdatum } }
} }`;

// Per domain: a person with current records, one without any, and one whose only records there
// are past their archive term (injected into the world below).
const SUBJECTS: Record<Domain, Record<'data' | 'none' | 'expired', string>> = {
  WMO: { data: '999990019', none: '999990093', expired: '999990068' },
  JEUGD: { data: '999990044', none: '999990111', expired: '999990007' },
  WERK_INKOMEN: { data: '999990068', none: '999990093', expired: '999990019' },
  LEERPLICHT: { data: '999990093', none: '999990111', expired: '999990020' },
};

const CONSULENT: Partial<Record<Role, [string, Domain]>> = {
  'wmo-consulent': ['WMO_ONDERSTEUNING', 'WMO'],
  'jeugd-consulent': ['JEUGDHULP', 'JEUGD'],
  'klantmanager-wi': ['PARTICIPATIE', 'WERK_INKOMEN'],
  'leerplichtambtenaar': ['LEERPLICHT', 'LEERPLICHT'],
};
const CONSENT_STATES = ['none', 'active', 'expired', 'revoked'] as const;
type ConsentState = (typeof CONSENT_STATES)[number];

function injectExpiredRecords(world: Municipality): void {
  world.wmo.push({ bsn: '999990068', toewijzingNummer: 'EXPIRED-WMO-1', productCategorie: '02', productCode: '02A01', omschrijving: 'Begeleiding', ingangsdatum: '2000-01-01', einddatum: '2005-06-30', leveringsvorm: 'ZIN' });
  world.jeugd.push({ bsn: '999990007', toewijzingNummer: 'EXPIRED-JGD-1', productCategorie: '45', productCode: '45A01', omschrijving: 'Jeugdhulp ambulant', verwijzer: '02', ingangsdatum: '1986-01-01', einddatum: '1990-12-31', startZorg: '1986-01-15', stopZorg: '1990-12-31' });
  world.uitkeringen.push({ bsn: '999990019', dossierNummer: 'EXPIRED-UIT-1', soort: 'ALGEMENE_BIJSTAND', omschrijving: 'Algemene bijstand', ingangsdatum: '2001-01-01', einddatum: '2008-12-31', besluiten: [{ soort: 'TOEKENNING', datum: '2000-12-15' }, { soort: 'BEEINDIGING', datum: '2008-12-01' }] });
  // A pupil record of a woman now 20: the leerplicht term runs 19 years from her birth.
  world.inschrijvingen.push({ bsn: '999990020', brin: '99ZZ', schoolNaam: 'Oude school', onderwijssoort: 'VMBO', ingangsdatum: '2018-08-20', einddatum: '2022-07-15' });
}

/** What the world says a person may be shown in a domain: current records only, as ids. */
function expectedIds(world: Municipality, bsn: string, domain: Domain): string[] {
  const today = new Date().toISOString().slice(0, 10);
  const plus = (date: string | undefined, years: number) => (date ? `${Number(date.slice(0, 4)) + years}${date.slice(4)}` : null);
  const live = (end: string | undefined, years: number) => {
    const until = plus(end, years);
    return until === null || until > today;
  };
  switch (domain) {
    case 'WMO':
      return world.wmo.filter((w) => w.bsn === bsn && live(w.einddatum, 15)).map((w) => w.toewijzingNummer).sort();
    case 'JEUGD':
      return world.jeugd.filter((j) => j.bsn === bsn && live(j.einddatum ?? j.stopZorg, 20)).map((j) => j.toewijzingNummer).sort();
    case 'WERK_INKOMEN':
      return world.uitkeringen.filter((u) => u.bsn === bsn && live(u.einddatum, 10)).map((u) => u.dossierNummer).sort();
    case 'LEERPLICHT': {
      const born = world.inhabitants.find((p) => p.bsn === bsn)!.geboortedatum;
      const iso = `${born.year}-${String(born.month).padStart(2, '0')}-${String(born.day).padStart(2, '0')}`;
      return live(iso, 19) ? world.inschrijvingen.filter((i) => i.bsn === bsn).map((i) => `${i.brin}:${i.ingangsdatum}`).sort() : [];
    }
  }
}

function idsIn(value: any, domain: Domain): string[] {
  switch (domain) {
    case 'WMO':
      return value.voorzieningen.map((v: any) => v.toewijzingNummer).sort();
    case 'JEUGD':
      return value.jeugdhulp.map((v: any) => v.toewijzingNummer).sort();
    case 'WERK_INKOMEN':
      return value.uitkeringen.map((v: any) => v.dossierNummer).sort();
    case 'LEERPLICHT':
      return value.inschrijvingen.map((v: any) => `${v.brin}:${v.ingangsdatum}`).sort();
  }
}

/** One domain's part of an answer: its value and the codes of errors on or above it. */
function outcome(res: GraphQLBody, domain: Domain): { value: unknown; codes: string[] } {
  const errors = (res.errors ?? []).filter((e) => e.path?.[0] === 'persoon' && (e.path.length === 1 || e.path[1] === FIELD[domain]));
  return { value: res.data?.persoon ? res.data.persoon[FIELD[domain]] : null, codes: errors.map((e) => `${e.extensions?.code}`).sort() };
}

describe('consent-, purpose- and retention-aware resolution', () => {
  let t: TestHub;
  let world: Municipality;
  beforeAll(async () => {
    world = generateMunicipality({ inhabitants: 400 });
    injectExpiredRecords(world);
    t = await startTestHub({ municipality: world });
    // Consents in each state, one partner organisation per state, for every subject of the table.
    for (const state of CONSENT_STATES) await consentsInState(`mee-${state}`, state);
  });

  /** Consents of every subject of the table to `ontvanger` in `state` (none: no consent at all). */
  async function consentsInState(ontvanger: string, state: ConsentState): Promise<void> {
    if (state === 'none') return;
    const subjects = [...new Set(Object.values(SUBJECTS).flatMap((s) => Object.values(s)))];
    await t.hub.db.query(
      `INSERT INTO toestemming (id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geldig_tot, geregistreerd_op, geregistreerd_door, ingetrokken_op)
       SELECT gen_random_uuid(), b, b, $2, ARRAY['WMO','JEUGD','WERK_INKOMEN','LEERPLICHT'], 'INTEGRALE_AANPAK', CURRENT_DATE - 30,
              CASE WHEN $3 = 'expired' THEN CURRENT_DATE - 1 END, now(), 'test', CASE WHEN $3 = 'revoked' THEN now() END
         FROM unnest($1::text[]) AS b`,
      [subjects, ontvanger, state],
    );
  }
  afterAll(() => t?.close());

  const cases: Array<[Role, string, ConsentState]> = [
    ...(Object.entries(CONSULENT) as Array<[Role, [string, Domain]]>).map(([role, [purpose]]): [Role, string, ConsentState] => [role, purpose, 'none']),
    ...CONSENT_STATES.map((s): [Role, string, ConsentState] => ['regisseur', 'INTEGRALE_AANPAK', s]),
    ...CONSENT_STATES.map((s): [Role, string, ConsentState] => ['partner', 'INTEGRALE_AANPAK', s]),
  ];

  it.each(cases)('%s claiming %s with consent %s: each domain shown or refused exactly as the rules say', async (role, purpose, consent) => {
    const org = role === 'partner' ? `mee-${consent}` : undefined;
    // The regisseur acts for the one municipality: its consents are put in this case's state.
    if (role === 'regisseur') {
      await t.hub.db.query("DELETE FROM toestemming_gebeurtenis WHERE toestemming IN (SELECT id FROM toestemming WHERE ontvanger = 'gemeente')");
      await t.hub.db.query("DELETE FROM toestemming WHERE ontvanger = 'gemeente'");
      await consentsInState('gemeente', consent);
    }
    for (const domain of DOMAINS) {
      const answers = {} as Record<'data' | 'none' | 'expired', { value: unknown; codes: string[] }>;
      for (const state of ['data', 'none', 'expired'] as const) {
        const bsn = SUBJECTS[domain][state];
        const res = await t.query(role, purpose, PERSOON, { variables: { bsn }, org });
        const got = outcome(res, domain);
        answers[state] = got;
        const ownTask = CONSULENT[role]?.[1] === domain;
        const consented = (role === 'regisseur' || role === 'partner') && consent === 'active';
        if (ownTask || consented) {
          expect({ domain, state, codes: got.codes }).toEqual({ domain, state, codes: [] });
          expect(idsIn(got.value, domain)).toEqual(expectedIds(world, bsn, domain));
        } else {
          const code = CONSULENT[role] ? 'FORBIDDEN' : 'CONSENT_REQUIRED';
          expect({ domain, state, value: got.value, codes: got.codes }).toEqual({ domain, state, value: null, codes: [code] });
        }
      }
      // Past its term is the same as never there: same value, same codes as a person without data.
      expect(answers.expired.codes).toEqual(answers.none.codes);
      if (answers.none.value === null) expect(answers.expired.value).toBeNull();
      else expect(idsIn(answers.expired.value, domain)).toEqual([]);
      // A refusal is identical whether or not there is data behind it.
      if (answers.none.codes.length) expect(answers.data).toEqual(answers.none);
    }
  });

  it('lets a partner see jeugd only between a parent’s consent and its revocation', async () => {
    const query = '{ persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { productCategorie } } } }';
    const before = await t.query('partner', 'INTEGRALE_AANPAK', query, { org: 'mee' });
    expect(before.data!.persoon).toBeNull();
    expect(before.errors!.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);

    const registered = await t.query(
      'regisseur',
      'INTEGRALE_AANPAK',
      'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id status gegevenDoor } }',
      { variables: { i: { betrokkene: '999990044', gegevenDoor: '999990019', ontvanger: 'mee', domeinen: ['JEUGD'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } } },
    );
    expect(registered.errors).toBeUndefined();
    const during = await t.query('partner', 'INTEGRALE_AANPAK', query, { org: 'mee' });
    expect(during.errors).toBeUndefined();
    expect(during.data!.persoon.jeugd.jeugdhulp).toEqual([{ productCategorie: '54' }]);

    const revoked = await t.query('regisseur', 'INTEGRALE_AANPAK', 'mutation($id: ID!) { trekToestemmingIn(id: $id) { status ingetrokkenOp } }', { variables: { id: registered.data!.registreerToestemming.id } });
    expect(revoked.data!.trekToestemmingIn.status).toBe('INGETROKKEN');
    // The very next request.
    const after = await t.query('partner', 'INTEGRALE_AANPAK', query, { org: 'mee' });
    expect(after).toEqual(before);

    const history = await t.query('regisseur', 'INTEGRALE_AANPAK', '{ toestemmingen(burgerservicenummer: "999990044") { ontvanger status } }');
    expect(history.data!.toestemmingen).toContainEqual({ ontvanger: 'mee', status: 'INGETROKKEN' });
  });

  it('refuses a consent for a child under 16 from anyone but a parent with authority', async () => {
    const register = (gegevenDoor: string, betrokkene = '999990044') =>
      t.query('regisseur', 'INTEGRALE_AANPAK', 'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id } }', {
        variables: { i: { betrokkene, gegevenDoor, ontvanger: 'mee', domeinen: ['JEUGD'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } },
      });
    for (const wrong of ['999990044', '999990056', '999990020']) {
      const res = await register(wrong);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].message).not.toMatch(/9999900/);
    }
    expect((await register('999990007')).errors).toBeUndefined();
    // From 16 only the person concerned: the daughter of 17 consents herself.
    expect((await register('999990019', '999990032')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await register('999990032', '999990032')).errors).toBeUndefined();
    // Only a regisseur keeps the register: a consulent is refused by the policy, a partner
    // cannot even send the operation (it is not registered for partners).
    const consulent = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', 'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id } }', {
      variables: { i: { betrokkene: '999990032', gegevenDoor: '999990032', ontvanger: 'mee', domeinen: ['WMO'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } },
    });
    expect(consulent.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const partner = await t.post(
      { query: 'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id } }', variables: { i: { betrokkene: '999990032', gegevenDoor: '999990032', ontvanger: 'mee', domeinen: ['WMO'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } } },
      { authorization: `Bearer ${await t.token('partner', 'mee')}`, 'x-purpose': 'INTEGRALE_AANPAK' },
    );
    expect(partner.status).toBe(400);
    expect(partner.body.errors?.[0].extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    expect(partner.body.data).toBeUndefined();
  });

  it('lets a partner send only the operations registered for it, and limits query size for everyone', async () => {
    const asPartner = async (query: string) =>
      t.post({ query }, { authorization: `Bearer ${await t.token('partner', 'mee')}`, 'x-purpose': 'INTEGRALE_AANPAK' });
    for (const query of ['{ __schema { types { name } } }', '{ persoon(burgerservicenummer: "999990044") { werkEnInkomen { uitkeringen { besluiten { soort } } } } }', '{ toestemmingen(burgerservicenummer: "999990044") { id } }']) {
      const res = await asPartner(query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'OPERATION_NOT_TRUSTED' } })] });
    }
    const deep = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } }`).join(' ')} }`;
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', deep);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].message).toMatch(/alias/i);
  });

  it('shows 999990111 her current voorzieningen and nothing of the one closed in 2004', async () => {
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "999990111") { wmo { voorzieningen { toewijzingNummer ingangsdatum einddatum } } } }');
    expect(res.errors).toBeUndefined();
    const shown = res.data!.persoon.wmo.voorzieningen as Array<{ einddatum: string | null }>;
    expect(shown.length).toBe(world.wmo.filter((w) => w.bsn === '999990111').length - 1);
    expect(shown.every((v) => !v.einddatum || v.einddatum > '2011')).toBe(true);
    expect(JSON.stringify(res)).not.toContain('2004');
    // Nor in the household timeline.
    const tl = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ huishouden(burgerservicenummer: "999990111") { domeinen tijdlijn { datum } } }');
    expect(JSON.stringify(tl)).not.toContain('2004');
  });

  it('reports to the privacy officer what GWS still holds past its term, without content', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const expiredWmo = world.wmo.filter((w) => w.einddatum && `${Number(w.einddatum.slice(0, 4)) + 15}${w.einddatum.slice(4)}` <= today).length;
    expect(expiredWmo).toBeGreaterThanOrEqual(2); // the 2004 record of 999990111 and the injected one
    const res = await t.query('privacy-officer', 'AUDIT', '{ bewaartermijnRapport { achterstand { bron recordType categorie reden aantal oudsteArchiefactiedatum } } }');
    expect(res.errors).toBeUndefined();
    const rows = res.data!.bewaartermijnRapport.achterstand as Array<Record<string, unknown>>;
    expect(rows).toContainEqual(expect.objectContaining({ bron: 'GWS', recordType: 'WMO_VOORZIENING', categorie: '8.1.1', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: expiredWmo }));
    expect(rows).toContainEqual(expect.objectContaining({ bron: 'JEUGD', recordType: 'JEUGDHULP', categorie: '8.1.2' }));
    expect(JSON.stringify(rows)).not.toMatch(/9999\d{5}/);
    const denied = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ bewaartermijnRapport { achterstand { aantal } } }');
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('carries out a destruction request and records it, and keeps the copy from coming back', async () => {
    const registered = await t.query('privacy-officer', 'AUDIT', 'mutation { registreerVernietigingsverzoek(input: { betrokkene: "999990056", domein: "WMO" }) { id uiterlijk uitgevoerdOp } }');
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registreerVernietigingsverzoek.uitgevoerdOp).toBeNull();
    // The job carries it out after the next sync; the sync after that must not bring the copy back.
    for (let run = 0; run < 2; run++) {
      await t.hub.sync.runFullSync();
      const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "999990056") { wmo { voorzieningen { toewijzingNummer } } } }');
      expect(res.data!.persoon.wmo.voorzieningen).toEqual([]);
    }
    const report = await t.query('privacy-officer', 'AUDIT', '{ bewaartermijnRapport { vernietigingen { recordType reden aantal } achterstand { bron reden aantal } openstaandeVerzoeken } }');
    expect(report.data!.bewaartermijnRapport.vernietigingen).toContainEqual({ recordType: 'WMO_VOORZIENING', reden: 'VERZOEK_BETROKKENE', aantal: 1 });
    expect(report.data!.bewaartermijnRapport.achterstand).toContainEqual({ bron: 'GWS', reden: 'VERZOEK_BETROKKENE', aantal: 1 });
    expect(report.data!.bewaartermijnRapport.openstaandeVerzoeken).toBe(0);
  });

  it('never discloses 999990135 (geheimhouding) to a partner, even with consent', async () => {
    await t.hub.db.query(
      `INSERT INTO toestemming (id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geregistreerd_op, geregistreerd_door)
       VALUES (gen_random_uuid(), '999990135', '999990135', 'mee-geheim', ARRAY['WMO','WERK_INKOMEN'], 'INTEGRALE_AANPAK', CURRENT_DATE, now(), 'test')`,
    );
    const res = await t.query('partner', 'INTEGRALE_AANPAK', '{ persoon(burgerservicenummer: "999990135") { naam { volledigeNaam } wmo { voorzieningen { productCode } } } }', { org: 'mee-geheim' });
    expect(res.data!.persoon).toBeNull();
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // Nor through her household.
    const hh = await t.query('partner', 'INTEGRALE_AANPAK', '{ huishouden(burgerservicenummer: "999990135") { leden { burgerservicenummer } domeinen } }', { org: 'mee-geheim' });
    expect(JSON.stringify(hh)).not.toContain('"999990135"');
    // The municipality's own consulent, on the statutory task, does see her.
    const own = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "999990135") { wmo { voorzieningen { productCode } } } }');
    expect(own.errors).toBeUndefined();
    expect(own.data!.persoon.wmo.voorzieningen.length).toBeGreaterThan(0);
  });

  it('gives a partner without consent the same answer for a child in youth care and a woman without', async () => {
    const q = (bsn: string) => t.query('partner', 'INTEGRALE_AANPAK', `{ persoon(burgerservicenummer: "${bsn}") { jeugd { jeugdhulp { productCategorie } } } }`, { org: 'mee-none' });
    const child = await q('999990044');
    const woman = await q('999990111');
    expect(child).toEqual(woman);
    expect(child.errors!.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);
    const hh = (bsn: string) => t.query('partner', 'INTEGRALE_AANPAK', `{ huishouden(burgerservicenummer: "${bsn}") { domeinen tijdlijn { datum } } }`, { org: 'mee-none' });
    expect(await hh('999990044')).toEqual(await hh('999990111'));
  });

  it('withholds jeugd of anyone from a wmo-consulent with FORBIDDEN', async () => {
    for (const bsn of ['999990044', '999990111', '999990019']) {
      const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', `{ persoon(burgerservicenummer: "${bsn}") { jeugd { jeugdhulp { productCategorie } } } }`);
      expect(res.data!.persoon.jeugd).toBeNull();
      expect(res.errors).toEqual([expect.objectContaining({ path: ['persoon', 'jeugd'], extensions: { code: 'FORBIDDEN', basis: null } })]);
    }
  });

  it('shows derived views only for what the actor may see', async () => {
    const q = '{ huishouden(burgerservicenummer: "999990019") { domeinen tijdlijn { domein } } }';
    const wmo = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', q);
    expect(wmo.data!.huishouden.domeinen).toEqual(['WMO']);
    expect(new Set(wmo.data!.huishouden.tijdlijn.map((e: { domein: string }) => e.domein))).toEqual(new Set(['WMO']));
    const lp = await t.query('leerplichtambtenaar', 'LEERPLICHT', q);
    expect(lp.data!.huishouden.domeinen).toEqual(['LEERPLICHT']);
  });
});
