import { asSuperuserBypassingTriggers } from '../../audit/testing/backends';
import { INTERNAL_CONTEXT_HEADER, InternalContextSigner } from '../../policy';
import { startTestHub, type GraphQLBody, type TestHub } from '../support/hub';

/**
 * The audit log through the real hub: every part logs what it processed, the privacy officer
 * reads it, verifies it, and no data leaves while the log cannot be written.
 */

const INTERNAL_CONTEXT_KEY = 'audit-e2e-internal-context-key-of-32+chars';
const CLIENT_TRACE = '0af7651916cd43dd8448eb211c80319c';

const WMO_QUERY = `query WmoDossier { persoon(burgerservicenummer: "999990019") {
  naam { volledigeNaam }
  wmo { voorzieningen { productCode productCategorie ingangsdatum } bron { systeem } } } }`;

// A part of the partner view registered in gateway/trusted-documents/partner.graphql.
const PARTNER_QUERY = `query PartnerPersoon($burgerservicenummer: String!) { persoon(burgerservicenummer: $burgerservicenummer) {
  burgerservicenummer naam { volledigeNaam } jeugd { jeugdhulp { productCode } } } }`;

const RECORDS = `query($filter: AuditFilter!, $first: Int, $after: String) { auditRecords(filter: $filter, first: $first, after: $after) {
  edges { cursor node { id tijdstip soort traceId spanId verwerkingsactiviteit { id naam } actor { sub organisatie rollen } doel betrokkene betrokkeneType
    operatie documentHash bron verstrekt geweigerd { veld code } status httpStatus stroom volgnummer hash } }
  pageInfo { hasNextPage endCursor } } }`;

const VERIFY = '{ verifieerAuditLog { intact gecontroleerd stromen koppen ondertekendeKoppen { stroom volgnummer hash tijdstip sleutelId geldigheid } eersteBreuk { stroom volgnummer id reden } breuken { stroom volgnummer } } }';

type Node = Record<string, any>;

describe('field-level access audit (Postgres)', () => {
  let t: TestHub;
  const officer = (query: string, variables?: object) => t.query('privacy-officer', 'AUDIT', query, { variables });
  const records = async (filter: object, first = 100): Promise<Node[]> => {
    const res = await officer(RECORDS, { filter, first });
    expect(res.errors).toBeUndefined();
    return res.data!.auditRecords.edges.map((e: { node: Node }) => e.node);
  };
  const refuseAuditWrites = (where = '') =>
    t.hub.db.exec(`CREATE FUNCTION audit_e2e_vol() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$;
                   CREATE TRIGGER audit_e2e_vol BEFORE INSERT ON audit_record FOR EACH ROW ${where} EXECUTE FUNCTION audit_e2e_vol();`);
  const allowAuditWrites = () => t.hub.db.exec('DROP TRIGGER audit_e2e_vol ON audit_record; DROP FUNCTION audit_e2e_vol();');

  beforeAll(async () => {
    // Heads signed often, so the verification has signed heads to list.
    t = await startTestHub({ env: { INTERNAL_CONTEXT_KEY, AUDIT_SIGN_INTERVAL_MS: '200' } });
  });
  afterAll(() => t?.close());

  it("records a consulent's read of 999990019's Wmo data: actor, purpose, the client's trace id and the exact fields", async () => {
    const res = await t.post({ query: WMO_QUERY, operationName: 'WmoDossier' }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING', traceparent: `00-${CLIENT_TRACE}-b7ad6b7169203331-01` });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.persoon.wmo.voorzieningen).toHaveLength(2);

    const found = (await records({ betrokkene: '999990019', actor: 'dev-wmo-consulent' })).filter((r) => r.traceId === CLIENT_TRACE);
    const bySource = Object.fromEntries(found.map((r) => [r.bron, r]));
    expect(Object.keys(bySource).sort()).toEqual(['brp', 'wmo']);
    expect(bySource.wmo).toMatchObject({
      soort: 'VERWERKING',
      actor: { sub: 'dev-wmo-consulent', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
      doel: 'WMO_ONDERSTEUNING',
      verwerkingsactiviteit: { id: 'VA-SD-01', naam: expect.stringContaining('Wmo 2015') },
      betrokkene: '999990019',
      betrokkeneType: 'BSN',
      operatie: 'WmoDossier',
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      // Exactly what the query selected of the Wmo domain, and nothing it did not.
      verstrekt: ['Persoon.wmo', 'WmoDossier.bron', 'WmoDossier.voorzieningen', 'WmoVoorziening.ingangsdatum', 'WmoVoorziening.productCategorie', 'WmoVoorziening.productCode'],
      geweigerd: [],
      status: 'VERSTREKT',
      httpStatus: null,
      stroom: expect.stringMatching(/^wmo:/),
    });
    expect(bySource.brp.verstrekt).toEqual(['Persoon.naam', 'Query.persoon']);

    // The gateway's record of the request itself carries the same trace, and no subject.
    const request = (await records({ actor: 'dev-wmo-consulent' })).find((r) => r.traceId === CLIENT_TRACE && r.soort === 'VERZOEK');
    expect(request).toMatchObject({ bron: 'gateway', betrokkene: null, httpStatus: 200, status: 'VOLTOOID', operatie: 'WmoDossier', verstrekt: [] });
  });

  it("records a partner's refused read of 999990044 with the fields withheld and CONSENT_REQUIRED", async () => {
    const ask = () => t.query('partner', 'INTEGRALE_AANPAK', PARTNER_QUERY, { org: 'mee', variables: { burgerservicenummer: '999990044' } });
    const refused = await ask();
    expect(refused.data!.persoon).toBeNull();
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);

    // With a consent for leerplicht only, she can be named, but jeugd stays withheld.
    const consent = await t.query('regisseur', 'INTEGRALE_AANPAK', 'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id } }', {
      variables: { i: { betrokkene: '999990044', gegevenDoor: '999990019', ontvanger: 'mee', domeinen: ['LEERPLICHT'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } },
    });
    expect(consent.errors).toBeUndefined();
    const partly = await ask();
    expect(partly.data!.persoon.jeugd).toBeNull();
    expect(partly.errors?.map((e) => e.extensions?.code)).toEqual(['CONSENT_REQUIRED']);

    const logged = await records({ betrokkene: '999990044', organisatie: 'mee' });
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bron: 'brp', status: 'GEWEIGERD', verstrekt: [], geweigerd: [{ veld: 'Query.persoon', code: 'CONSENT_REQUIRED' }], doel: 'INTEGRALE_AANPAK', verwerkingsactiviteit: expect.objectContaining({ id: 'VA-SD-05' }) }),
        expect.objectContaining({ bron: 'jeugd', status: 'GEWEIGERD', verstrekt: [], geweigerd: [{ veld: 'Persoon.jeugd', code: 'CONSENT_REQUIRED' }], actor: { sub: 'dev-partner', organisatie: 'mee', rollen: ['partner'] } }),
        expect.objectContaining({ bron: 'brp', status: 'VERSTREKT', verstrekt: ['Persoon.naam', 'Query.persoon'] }),
      ]),
    );
  });

  it('pages through records newest first without overlap, and logs the reading itself per person read', async () => {
    const all = await records({ betrokkene: '999990019' }, 500);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: GraphQLBody = await officer(RECORDS, { filter: { betrokkene: '999990019' }, first: 2, after });
      const conn = res.data!.auditRecords;
      seen.push(...conn.edges.map((e: { node: Node }) => e.node.id));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after);
    // Pages taken later also hold the officer's own reads, logged meanwhile: compare the ones both saw.
    expect(seen.filter((id) => all.some((r) => r.id === id))).toEqual(all.map((r) => r.id));
    expect(all.map((r) => r.tijdstip)).toEqual([...all.map((r) => r.tijdstip)].sort().reverse());

    const reads = all.filter((r) => r.bron === 'audit');
    expect(reads[0]).toMatchObject({ actor: { sub: 'dev-privacy-officer', rollen: ['privacy-officer'] }, doel: 'AUDIT', verstrekt: ['Query.auditRecords'], verwerkingsactiviteit: { id: 'VA-SD-06' } });
    const bad = await officer(RECORDS, { filter: {}, after: 'bm90IGEgY3Vyc29y' });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('gives the subject-access report for one person as data, JSON and CSV, without naming employees', async () => {
    const res = await officer('{ inzageRapport(burgerservicenummer: "999990019") { betrokkene verstrekkingen { organisatie rollen doel bron velden verwerkingsactiviteit { id grondslag } } samenvatting { organisatie doel aantal velden } toezicht { doel } json { bestandsnaam mediaType inhoud } csv { bestandsnaam mediaType inhoud } } }');
    expect(res.errors).toBeUndefined();
    const r = res.data!.inzageRapport;
    expect(r.verstrekkingen).toContainEqual({ organisatie: 'gemeente', rollen: ['wmo-consulent'], doel: 'WMO_ONDERSTEUNING', bron: 'wmo', velden: expect.arrayContaining(['WmoVoorziening.productCode']), verwerkingsactiviteit: { id: 'VA-SD-01', grondslag: expect.stringContaining('Wmo 2015') } });
    expect(r.samenvatting).toContainEqual(expect.objectContaining({ organisatie: 'gemeente', doel: 'WMO_ONDERSTEUNING' }));
    expect(r.json).toMatchObject({ mediaType: 'application/json', bestandsnaam: expect.stringMatching(/^inzage-\d{4}-\d{2}-\d{2}\.json$/) });
    expect(JSON.parse(r.json.inhoud)).toMatchObject({ betrokkene: '999990019', verstrekkingen: expect.any(Array), toezicht: expect.any(Array) });
    expect(r.csv.mediaType).toBe('text/csv; charset=utf-8');
    const lines = r.csv.inhoud.trim().split('\r\n');
    expect(lines[0]).toBe('tijdstip,organisatie,rollen,doel,verwerkingsactiviteit,naam_verwerkingsactiviteit,grondslag,bron,velden,soort,naam_organisatie,namen_rollen,gegevens');
    expect(lines.length).toBe(r.verstrekkingen.length + r.toezicht.length + 1);
    expect(r.csv.inhoud + r.json.inhoud).not.toContain('dev-wmo-consulent');
  });

  it('words the report for the person: each field by its label from the schema, each code by its meaning', async () => {
    const res = await officer(`{ inzageRapport(burgerservicenummer: "999990019") {
      verstrekkingen { organisatie organisatieNaam rollen rolNamen doel doelOmschrijving bron gegevens { veld omschrijving } }
      samenvatting { organisatieNaam rolNamen doelOmschrijving gegevens { veld omschrijving } } } }`);
    expect(res.errors).toBeUndefined();
    const r = res.data!.inzageRapport;
    expect(r.verstrekkingen).toContainEqual({
      organisatie: 'gemeente',
      organisatieNaam: 'Gemeente (test)',
      rollen: ['wmo-consulent'],
      rolNamen: ['Wmo-consulent'],
      doel: 'WMO_ONDERSTEUNING',
      doelOmschrijving: expect.stringContaining('maatschappelijke ondersteuning'),
      bron: 'wmo',
      gegevens: expect.arrayContaining([
        { veld: 'WmoVoorziening.productCategorie', omschrijving: 'Productcategorie van de Wmo-voorziening' },
        { veld: 'Persoon.wmo', omschrijving: 'Wmo-maatwerkvoorzieningen van deze persoon uit GWS' },
      ]),
    });
    expect(r.verstrekkingen).toContainEqual(expect.objectContaining({ bron: 'brp', gegevens: [{ veld: 'Persoon.naam', omschrijving: 'Naam' }, { veld: 'Query.persoon', omschrijving: 'Opzoeken van de persoon in de BRP op burgerservicenummer' }] }));
    // Whatever the log recorded, the person reads words, not coordinates.
    const unlabelled = r.verstrekkingen.flatMap((v: Node) => v.gegevens).filter((g: Node) => g.omschrijving === g.veld);
    expect(unlabelled).toEqual([]);

    // Organisations by the register the hub runs with (here test/support/organisaties.yaml).
    const partner = await officer('{ inzageRapport(burgerservicenummer: "999990044") { samenvatting { organisatie organisatieNaam rolNamen doelOmschrijving } } }');
    expect(partner.data!.inzageRapport.samenvatting).toContainEqual({ organisatie: 'mee', organisatieNaam: 'MEE (test)', rolNamen: ['Medewerker van een partnerorganisatie'], doelOmschrijving: expect.stringContaining('Integrale aanpak') });
  });

  it("keeps the privacy officer's supervision out of the disclosures, apart under toezicht, and in the log", async () => {
    await officer(RECORDS, { filter: { betrokkene: '999990020' }, first: 5 });
    const res = await officer(`{ inzageRapport(burgerservicenummer: "999990020") {
      verstrekkingen { doel bron } samenvatting { doel }
      toezicht { tijdstip organisatieNaam rolNamen doel doelOmschrijving bron gegevens { veld omschrijving } }
      json { inhoud } csv { inhoud } } }`);
    expect(res.errors).toBeUndefined();
    const r = res.data!.inzageRapport;
    expect([...r.verstrekkingen, ...r.samenvatting].filter((v: Node) => v.doel === 'AUDIT')).toEqual([]);
    expect(r.toezicht).toContainEqual({
      tijdstip: expect.any(String),
      organisatieNaam: 'Gemeente (test)',
      rolNamen: ['Functionaris gegevensbescherming'],
      doel: 'AUDIT',
      doelOmschrijving: expect.stringContaining('Toezicht'),
      bron: 'audit',
      gegevens: [{ veld: 'Query.auditRecords', omschrijving: 'Regels uit het logboek van verwerkingen' }],
    });
    expect(JSON.parse(r.json.inhoud).toezicht).toHaveLength(r.toezicht.length);
    expect(r.csv.inhoud).toMatch(/,toezicht,Gemeente \(test\),Functionaris gegevensbescherming,/);
    // Apart in the report, not out of the log: the officer's reads are still there for auditRecords.
    const logged = (await records({ betrokkene: '999990020', actor: 'dev-privacy-officer' })).filter((n) => n.doel === 'AUDIT');
    expect(logged.map((n) => n.verstrekt)).toEqual(expect.arrayContaining([['Query.auditRecords']]));
  });

  it('reports a consulent who reads persons outside the Wmo caseload', async () => {
    // 999990044 and 999990032 have no Wmo record: naming them is outside a Wmo consulent's caseload.
    for (const bsn of ['999990044', '999990032']) {
      const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', `{ persoon(burgerservicenummer: "${bsn}") { naam { volledigeNaam } } }`);
      expect(res.errors).toBeUndefined();
    }
    const res = await officer('query($van: String!, $tot: String!) { snuffelRapport(van: $van, tot: $tot, drempels: { buitenCaseload: 2 }) { actoren signalen { actor { sub } soort aantalPersonen drempel personen } } }', {
      van: new Date(Date.now() - 3600_000).toISOString(),
      tot: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.snuffelRapport.signalen).toContainEqual({ actor: { sub: 'dev-wmo-consulent' }, soort: 'BUITEN_CASELOAD', aantalPersonen: 2, drempel: 1, personen: ['999990032', '999990044'] });
    expect(res.data!.snuffelRapport.actoren).toBeGreaterThanOrEqual(2);
  });

  it('shows the destruction records of the retention job', async () => {
    await t.hub.db.query("INSERT INTO vernietiging (tijdstip, record_type, categorie, bron, regel, reden, aantal) VALUES (now(), 'WMO_VOORZIENING', '8.1.1', 'GWS', 'P15Y na einddatum', 'BEWAARTERMIJN_VERSTREKEN', 3)");
    const res = await officer('{ vernietigingen(first: 10) { edges { node { id tijdstip recordType categorie bron regel reden aantal } } pageInfo { hasNextPage } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.vernietigingen.edges.map((e: { node: Node }) => e.node)).toContainEqual(expect.objectContaining({ recordType: 'WMO_VOORZIENING', categorie: '8.1.1', reden: 'BEWAARTERMIJN_VERSTREKEN', aantal: 3 }));
  });

  it('filters on purpose and counts per purpose, organisation and refusal code in the database, and logs the counting', async () => {
    const wmo = await records({ doel: 'WMO_ONDERSTEUNING' }, 500);
    expect(wmo.length).toBeGreaterThan(0);
    expect(new Set(wmo.map((r) => r.doel))).toEqual(new Set(['WMO_ONDERSTEUNING']));
    // The consulent's read of 999990019 is one access (one person, one request), however many parts took part.
    const accesses = new Set(wmo.filter((r) => r.soort === 'VERWERKING' && r.betrokkene && r.status !== 'GEWEIGERD').map((r) => `${r.traceId}|${r.betrokkene}`)).size;
    const today = new Date();
    const van = new Date(today.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    const tot = new Date(today.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const TELLINGEN = 'query($per: AuditTellingPer!, $interval: AuditInterval, $van: String!, $tot: String!, $doel: String) { auditTellingen(per: $per, interval: $interval, van: $van, tot: $tot, doel: $doel) { per interval van tot tellingen { periode sleutel aantal } } }';
    const perDoel = await officer(TELLINGEN, { per: 'DOEL', interval: 'WEEK', van, tot, doel: 'WMO_ONDERSTEUNING' });
    expect(perDoel.errors).toBeUndefined();
    const rows = perDoel.data!.auditTellingen.tellingen as Array<{ periode: string; sleutel: string; aantal: number }>;
    expect(rows.every((r) => r.sleutel === 'WMO_ONDERSTEUNING' && /^\d{4}-\d\d-\d\d$/.test(r.periode))).toBe(true);
    expect(rows.reduce((n, r) => n + r.aantal, 0)).toBe(accesses);
    const perOrg = await officer(TELLINGEN, { per: 'ORGANISATIE', van, tot });
    expect(perOrg.data!.auditTellingen.tellingen.map((r: { sleutel: string }) => r.sleutel)).toContain('gemeente');
    const perCode = await officer(TELLINGEN, { per: 'WEIGERCODE', van, tot });
    expect(perCode.data!.auditTellingen.tellingen.map((r: { sleutel: string }) => r.sleutel)).toContain('CONSENT_REQUIRED');
    // Bounded before it runs: the period is at most 366 days, checked by the query analysis.
    const tooLong = await officer(TELLINGEN, { per: 'DOEL', van: '2024-01-01', tot: '2026-01-01' });
    expect(tooLong.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // The counting is itself on record, about nobody: counts name no person.
    const logged = (await records({ actor: 'dev-privacy-officer', doel: 'AUDIT' }, 500)).filter((r) => r.verstrekt.includes('Query.auditTellingen'));
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(logged.every((r) => r.betrokkene === null && r.bron === 'audit')).toBe(true);
  });

  it('refuses the audit API to every other role: FORBIDDEN on their own purpose, PURPOSE_NOT_ALLOWED on AUDIT', async () => {
    const asks: Array<[Parameters<TestHub['query']>[0], string, string?]> = [
      ['wmo-consulent', 'WMO_ONDERSTEUNING'],
      ['jeugd-consulent', 'JEUGDHULP'],
      ['regisseur', 'INTEGRALE_AANPAK'],
      ['leerplichtambtenaar', 'LEERPLICHT'],
    ];
    for (const [role, purpose] of asks) {
      const res = await t.query(role, purpose, '{ auditRecords(filter: { betrokkene: "999990019" }) { edges { node { id } } } verifieerAuditLog { intact } auditTellingen(per: DOEL, van: "2026-01-01", tot: "2026-02-01") { tellingen { aantal } } }');
      expect(res.data).toBeNull();
      expect(new Set(res.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
      const audit = await t.post({ query: '{ verifieerAuditLog { intact } }' }, { authorization: `Bearer ${await t.token(role)}`, 'x-purpose': 'AUDIT' });
      expect(audit.status).toBe(403);
      expect(audit.body.errors?.[0].extensions?.code).toBe('PURPOSE_NOT_ALLOWED');
    }
    // The refused attempt is itself on record, about the person asked for.
    const attempts = (await records({ betrokkene: '999990019', actor: 'dev-regisseur' })).filter((r) => r.bron === 'audit');
    expect(attempts[0]).toMatchObject({ status: 'GEWEIGERD', geweigerd: [{ veld: 'Query.auditRecords', code: 'FORBIDDEN' }] });
  });

  it('answers no Wmo data while the Wmo audit records cannot be written, and recovers when they can', async () => {
    await refuseAuditWrites("WHEN (NEW.bron = 'wmo')");
    try {
      const res = await t.post({ query: WMO_QUERY }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING' });
      expect(res.status).toBe(200);
      expect(res.body.data!.persoon.naam.volledigeNaam).toEqual(expect.any(String));
      expect(res.body.data!.persoon.wmo).toBeNull();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['SOURCE_UNAVAILABLE']);
      // Not a product code, not a date of the Wmo dossier anywhere in the answer.
      expect(JSON.stringify(res.body)).not.toMatch(/productCode|ingangsdatum|0[12]A\d/);

      // The subgraph itself, asked directly with the gateway's signed context: nothing of the
      // partial result it computed leaves, only the error.
      const wmo = t.hub.subgraphs.find((s) => s.name === 'wmo')!;
      const body = JSON.stringify({ query: '{ _entities(representations: [{ __typename: "Persoon", burgerservicenummer: "999990019" }, { __typename: "Persoon", burgerservicenummer: "999990044" }]) { ... on Persoon { wmo { voorzieningen { productCode omschrijving } } } } }' });
      const signed = new InternalContextSigner(INTERNAL_CONTEXT_KEY).sign(
        {
          actor: { sub: 'dev-wmo-consulent', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
          doel: 'WMO_ONDERSTEUNING',
          traceId: CLIENT_TRACE,
          spanId: 'b7ad6b7169203331',
          operationName: null,
          documentHash: null,
        },
        'wmo',
        body,
      );
      const direct = await fetch(wmo.url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signed }, body });
      const raw = await direct.text();
      expect(JSON.parse(raw)).toEqual({ data: null, errors: [{ message: 'The wmo data cannot be read right now', extensions: { code: 'SOURCE_UNAVAILABLE', bron: 'wmo' } }] });
      expect(raw).not.toMatch(/9999900/);
    } finally {
      await allowAuditWrites();
    }
    const again = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_QUERY);
    expect(again.errors).toBeUndefined();
    expect(again.data!.persoon.wmo.voorzieningen).toHaveLength(2);
  });

  it('answers no personal data at all while the audit store cannot be written, and recovers', async () => {
    await refuseAuditWrites();
    try {
      const res = await t.post({ query: WMO_QUERY }, { authorization: `Bearer ${await t.token('wmo-consulent')}`, 'x-purpose': 'WMO_ONDERSTEUNING' });
      expect(res.status).toBe(503);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['SOURCE_UNAVAILABLE']);
    } finally {
      await allowAuditWrites();
    }
    const again = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', WMO_QUERY);
    expect(again.errors).toBeUndefined();
    expect(again.data!.persoon.wmo.voorzieningen).toHaveLength(2);
    // The chains survived the outage: nothing half-written, nothing skipped.
    expect((await officer(VERIFY)).data!.verifieerAuditLog.intact).toBe(true);
  });

  it('verifies the log as intact, and names the first broken record after a superuser alters one', async () => {
    const before = (await officer(VERIFY)).data!.verifieerAuditLog;
    expect(before).toMatchObject({ intact: true, eersteBreuk: null, breuken: [] });
    expect(before.gecontroleerd).toBeGreaterThan(10);
    expect(before.stromen).toBeGreaterThanOrEqual(4);
    // The signed heads themselves: one per stream that has one, each holding.
    expect(before.ondertekendeKoppen.length).toBeGreaterThanOrEqual(4);
    expect(before.ondertekendeKoppen.length).toBeLessThanOrEqual(before.stromen);
    for (const k of before.ondertekendeKoppen) expect(k).toEqual({ stroom: expect.any(String), volgnummer: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), tijdstip: expect.any(String), sleutelId: expect.any(String), geldigheid: 'GELDIG' });

    const [target] = (await records({ betrokkene: '999990019', actor: 'dev-wmo-consulent' })).filter((r) => r.traceId === CLIENT_TRACE && r.bron === 'wmo');
    // Someone with superuser rights hides that the product code was seen.
    await asSuperuserBypassingTriggers(t.hub.db, "UPDATE audit_record SET verstrekt = array_remove(verstrekt, 'WmoVoorziening.productCode') WHERE id = $1", [target.id]);
    await expect(t.hub.db.query('UPDATE audit_record SET verstrekt = verstrekt WHERE id = $1', [target.id])).rejects.toMatchObject({ code: '42501' });

    const after = (await officer(VERIFY)).data!.verifieerAuditLog;
    expect(after.intact).toBe(false);
    expect(after.eersteBreuk).toEqual({ stroom: target.stroom, volgnummer: target.volgnummer, id: target.id, reden: 'HASH_WIJKT_AF' });
    expect(after.breuken).toHaveLength(1);
  });
});
