import { generateMunicipality, SHOWCASE_BSNS } from '../../municipality';
import type { Municipality } from '../../municipality/types';
import { eventually, startTestHub, type TestHub } from '../support/hub';

const HOUSEHOLD_A = ['999990007', '999990019', '999990032', '999990044'];
const HOUSEHOLD_B = ['999990056', '999990068', '999990081', '999990093'];

const DOSSIER = `query Dossier($bsn: String!) {
  huishouden(burgerservicenummer: $bsn) {
    domeinen
    leden {
      burgerservicenummer
      wmo { voorzieningen { productCategorie } bron { systeem gesynchroniseerdOp } }
      jeugd { jeugdhulp { productCategorie startZorg stopZorg } bron { systeem gesynchroniseerdOp } }
      werkEnInkomen { uitkeringen { soort besluiten { soort } } bron { systeem gesynchroniseerdOp } }
      leerplicht { inschrijvingen { onderwijssoort } verzuimmeldingen { soort } bron { systeem gesynchroniseerdOp } }
    }
    tijdlijn { datum domein bron soort betrokkene { burgerservicenummer } }
  }
}`;

/** Consent for the municipality's own sociaal team, for every domain, given by whoever may give it. */
async function consentAll(t: TestHub, members: Array<{ bsn: string; gegevenDoor: string }>) {
  for (const m of members) {
    const res = await t.query(
      'regisseur',
      'INTEGRALE_AANPAK',
      `mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id status } }`,
      { variables: { i: { betrokkene: m.bsn, gegevenDoor: m.gegevenDoor, ontvanger: 'gemeente', domeinen: ['WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.registreerToestemming.status).toBe('ACTIEF');
  }
}

describe('the integrated household dossier', () => {
  let t: TestHub;
  let world: Municipality;
  beforeAll(async () => {
    world = generateMunicipality({ inhabitants: 400 });
    // One household of twelve, for the query-count test: move eleven generated adults in with a
    // generated person who has a Wmo record (so the BRP copy holds the whole household).
    const host = world.wmo.find((w) => !SHOWCASE_BSNS.includes(w.bsn))!.bsn;
    const address = world.inhabitants.find((p) => p.bsn === host)!.adresseerbaarObjectId;
    const living = world.inhabitants.filter((p) => p.adresseerbaarObjectId === address).length;
    const movers = world.inhabitants.filter((p) => !SHOWCASE_BSNS.includes(p.bsn) && !p.gezag && p.adresseerbaarObjectId !== address).slice(0, 12 - living);
    for (const p of movers) p.adresseerbaarObjectId = address;
    t = await startTestHub({ municipality: world, env: { JEUGD_POLL_MS: '200', LAS_IMPORT_MS: '1000' } });
    await consentAll(t, [
      { bsn: '999990007', gegevenDoor: '999990007' },
      { bsn: '999990019', gegevenDoor: '999990019' },
      { bsn: '999990032', gegevenDoor: '999990032' },
      { bsn: '999990044', gegevenDoor: '999990019' },
      { bsn: '999990056', gegevenDoor: '999990056' },
      { bsn: '999990068', gegevenDoor: '999990068' },
      { bsn: '999990081', gegevenDoor: '999990056' },
      { bsn: '999990093', gegevenDoor: '999990068' },
    ]);
  });
  afterAll(() => t?.close());

  it('answers each domain to its own consulent for the showcase persons', async () => {
    const jeugd = await t.query('jeugd-consulent', 'JEUGDHULP', '{ a: persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { productCategorie } } } b: persoon(burgerservicenummer: "999990081") { jeugd { jeugdhulp { productCategorie verwijzer } } } }');
    expect(jeugd.errors).toBeUndefined();
    expect(jeugd.data!.a.jeugd.jeugdhulp).toEqual([{ productCategorie: '54' }]);
    expect(jeugd.data!.b.jeugd.jeugdhulp).toHaveLength(1);

    const wi = await t.query('klantmanager-wi', 'PARTICIPATIE', '{ persoon(burgerservicenummer: "999990068") { werkEnInkomen { uitkeringen { soort ingangsdatum einddatum besluiten { soort datum } } } } }');
    expect(wi.errors).toBeUndefined();
    const [bijstand] = wi.data!.persoon.werkEnInkomen.uitkeringen;
    expect(bijstand.soort).toBe('BIJZONDERE_BIJSTAND');
    expect(bijstand.besluiten.map((b: { soort: string }) => b.soort)).toEqual(['AFWIJZING', 'TOEKENNING']);
    const start = new Date(`${bijstand.ingangsdatum}T00:00:00Z`);
    const end = new Date(`${bijstand.einddatum}T00:00:00Z`);
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth() + 1;
    expect(months).toBe(4);

    const lp = await t.query('leerplichtambtenaar', 'LEERPLICHT', '{ a: persoon(burgerservicenummer: "999990044") { leerplicht { inschrijvingen { onderwijssoort } verzuimmeldingen { soort } } } b: persoon(burgerservicenummer: "999990093") { leerplicht { inschrijvingen { onderwijssoort } } } }');
    expect(lp.errors).toBeUndefined();
    expect(lp.data!.a.leerplicht.inschrijvingen.map((i: { onderwijssoort: string }) => i.onderwijssoort)).toContain('SO');
    expect(lp.data!.a.leerplicht.verzuimmeldingen).toHaveLength(1);
    expect(lp.data!.b.leerplicht.inschrijvingen.map((i: { onderwijssoort: string }) => i.onderwijssoort)).toEqual(['BAO']);
  });

  it.each([
    ['A', '999990019', HOUSEHOLD_A],
    ['B', '999990068', HOUSEHOLD_B],
  ])('gives household %s its whole dossier and timeline in one request', async (_name, bsn, members) => {
    const res = await t.query('regisseur', 'INTEGRALE_AANPAK', DOSSIER, { variables: { bsn } });
    expect(res.errors).toBeUndefined();
    const h = res.data!.huishouden;
    expect(h.leden.map((l: { burgerservicenummer: string }) => l.burgerservicenummer).sort()).toEqual(members);
    expect(h.domeinen).toEqual(['WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT']);
    for (const lid of h.leden) {
      expect(lid.wmo.bron).toEqual({ systeem: 'GWS', gesynchroniseerdOp: expect.any(String) });
      expect(lid.jeugd.bron.systeem).toBe('JEUGD');
      expect(lid.leerplicht.bron.systeem).toBe('LAS');
    }
    const tijdlijn = h.tijdlijn as Array<{ datum: string; domein: string; bron: string; betrokkene: { burgerservicenummer: string } }>;
    expect(tijdlijn.length).toBeGreaterThan(3);
    expect(tijdlijn.map((e) => e.datum)).toEqual([...tijdlijn.map((e) => e.datum)].sort().reverse());
    expect(new Set(tijdlijn.map((e) => e.domein))).toEqual(new Set(['WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT']));
    for (const e of tijdlijn) expect(members).toContain(e.betrokkene.burgerservicenummer);
  });

  it('shows a change made in GWS while the hub runs, without a restart', async () => {
    const q = '{ persoon(burgerservicenummer: "999990020") { wmo { voorzieningen { toewijzingNummer productCategorie } bron { gesynchroniseerdOp } } } }';
    const before = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', q);
    const known = before.data!.persoon.wmo.voorzieningen.length;
    await t.hub.standIns.gws!.upsertWmoVoorziening({
      bsn: '999990020',
      toewijzingNummer: 'TEST-LK01-0001',
      productCategorie: '14',
      productCode: '14A01',
      omschrijving: 'Overige hulpmiddelen',
      ingangsdatum: '2026-11-20',
      leveringsvorm: 'ZIN',
    });
    let after = before;
    await eventually(async () => {
      after = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', q);
      return after.data!.persoon.wmo.voorzieningen.length === known + 1;
    });
    expect(after.data!.persoon.wmo.voorzieningen).toContainEqual({ toewijzingNummer: 'TEST-LK01-0001', productCategorie: '14' });
    expect(after.data!.persoon.wmo.bron.gesynchroniseerdOp > before.data!.persoon.wmo.bron.gesynchroniseerdOp).toBe(true);
  });

  it('shows a stop of care reported on the Jeugd feed', async () => {
    const toewijzing = world.jeugd.find((j) => j.bsn === '999990044')!;
    t.hub.standIns.jeugd!.publish({ soort: 'JW307', toewijzing, stopZorg: '2026-11-21' });
    await eventually(async () => {
      const res = await t.query('jeugd-consulent', 'JEUGDHULP', '{ persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { stopZorg } } } }');
      return res.data!.persoon.jeugd.jeugdhulp[0].stopZorg === '2026-11-21';
    });
  });

  it('shows a new verzuimmelding at the next LAS import', async () => {
    t.hub.standIns.las!.upsertVerzuimmelding({ bsn: '999990093', meldingId: 'TEST-VZM-1', datum: '2026-11-19', soort: 'LUXEVERZUIM', brin: world.inschrijvingen.find((i) => i.bsn === '999990093')!.brin, schoolNaam: 'test', afhandeling: 'IN_BEHANDELING' });
    await t.hub.standIns.las!.exportNow();
    await eventually(async () => {
      const res = await t.query('leerplichtambtenaar', 'LEERPLICHT', '{ persoon(burgerservicenummer: "999990093") { leerplicht { verzuimmeldingen { soort } } } }');
      return res.data!.persoon.leerplicht.verzuimmeldingen.some((v: { soort: string }) => v.soort === 'LUXEVERZUIM');
    });
  });

  it('reads the four domains in one statement per request, whatever the household size (no N+1)', async () => {
    const sizes = new Map<string, string[]>();
    const people = await t.hub.db.query<{ hid: string; bsn: string }>('SELECT huishouden_id AS hid, bsn FROM brp_persoon WHERE huishouden_id IS NOT NULL');
    for (const p of people) sizes.set(p.hid, [...(sizes.get(p.hid) ?? []), p.bsn]);
    const pick = (n: number) => [...sizes.values()].find((m) => m.length === n)!;
    const households = [pick(1), pick(4), pick(12)];
    const counts: number[] = [];
    for (const members of households) {
      // Consent for all, so that every domain resolver really runs for every member.
      await t.hub.db.query(
        `INSERT INTO toestemming (id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geregistreerd_op, geregistreerd_door)
         SELECT gen_random_uuid(), b, b, 'gemeente', ARRAY['WMO','JEUGD','WERK_INKOMEN','LEERPLICHT'], 'INTEGRALE_AANPAK', CURRENT_DATE, now(), 'test'
           FROM unnest($1::text[]) AS b`,
        [members],
      );
      let statements = 0;
      // Read-model and consent reads; the sync jobs' own look at their cursor runs in the background and is not the request's.
      t.hub.db.onQuery = (sql) => {
        if (/\b(dossier_record|brp_persoon|toestemming)\b/.test(sql)) statements++;
      };
      const res = await t.query('regisseur', 'INTEGRALE_AANPAK', DOSSIER, { variables: { bsn: members[0] } });
      t.hub.db.onQuery = undefined;
      expect(res.errors).toBeUndefined();
      expect(res.data!.huishouden.leden).toHaveLength(members.length);
      counts.push(statements);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    // brp (the person with the members), the dossier view, one consent lookup the subgraphs
    // share, and one statement for the four domains together: their reads of one request are joined.
    expect(counts[0]).toBe(4);
  });
});
