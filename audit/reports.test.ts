import { parse } from 'csv-parse/sync';
import type { Db } from '../lib/db';
import { OpaqueIds } from '../lib/opaque';
import { loadOrganisations } from '../policy';
import { reportLabels } from './labels';
import type { AuditRow } from './record';
import { loadVerwerkingsregister } from './register';
import { createAuditReports, INZAGE_CSV_COLUMNS, inzageCsv, inzageJson, isToezicht } from './reports';

/**
 * The subject-access report in words: coordinates and codes beside their meaning, and the
 * privacy officer's supervision apart from the disclosures. The log's rows come from a stub: what
 * is tested here is what the report makes of them (the query runs in test/e2e/audit.test.ts).
 */

const register = loadVerwerkingsregister();
const BSN = '999990019';

function row(overrides: Partial<AuditRow>): AuditRow {
  return {
    stroom: 'wmo:1',
    volgnummer: 1,
    id: '00000000-0000-4000-8000-000000000001',
    tijdstip: '2026-11-02T09:00:00.000Z',
    soort: 'VERWERKING',
    bron: 'wmo',
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_id: '00f067aa0ba902b7',
    verwerkingsactiviteit: 'VA-SD-01',
    betrokkene: BSN,
    betrokkene_type: 'BSN',
    actor_sub: 'consulent-1',
    actor_organisatie: 'gemeente',
    actor_rollen: ['wmo-consulent'],
    doel: 'WMO_ONDERSTEUNING',
    operatie: null,
    document_hash: null,
    verstrekt: ['WmoVoorziening.productCategorie', 'Persoon.wmo'],
    geweigerd: [],
    status: 'VERSTREKT',
    http_status: null,
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

const ROWS: AuditRow[] = [
  row({}),
  row({ tijdstip: '2026-11-03T10:00:00.000Z', bron: 'brp', actor_sub: 'partner-1', actor_organisatie: 'mee', actor_rollen: ['partner'], doel: 'INTEGRALE_AANPAK', verwerkingsactiviteit: 'VA-SD-05', verstrekt: ['Persoon.naam', 'Query.persoon'] }),
  // The privacy officer reads the person's log entries, then files a destruction request for them.
  row({ tijdstip: '2026-11-04T11:00:00.000Z', bron: 'audit', actor_sub: 'fg-1', actor_rollen: ['privacy-officer'], doel: 'AUDIT', verwerkingsactiviteit: 'VA-SD-06', verstrekt: ['Query.auditRecords'] }),
  row({ tijdstip: '2026-11-04T11:05:00.000Z', bron: 'retentie', actor_sub: 'fg-1', actor_rollen: ['privacy-officer'], doel: 'AUDIT', verwerkingsactiviteit: 'VA-SD-06', verstrekt: ['Mutation.registreerVernietigingsverzoek'] }),
  row({ tijdstip: '2026-11-05T12:00:00.000Z', verstrekt: ['Persoon.wmo', 'WmoDossier.voorzieningen'] }),
];

async function report() {
  const db = { query: async () => ROWS } as unknown as Db;
  const reports = createAuditReports(db, { register, verify: () => Promise.reject(new Error('not here')) }, new OpaqueIds('reports-test-id-key-of-32-characters!!'), reportLabels({ organisations: loadOrganisations() }));
  return reports.inzage(BSN, null, null);
}

describe('the subject-access report', () => {
  it('gives each field coordinate its label from the schema, and each code its meaning', async () => {
    const r = await report();
    expect(r.verstrekkingen[0]).toEqual({
      tijdstip: '2026-11-02T09:00:00.000Z',
      organisatie: 'gemeente',
      organisatieNaam: 'Gemeente (sociaal domein)',
      rollen: ['wmo-consulent'],
      rolNamen: ['Wmo-consulent'],
      doel: 'WMO_ONDERSTEUNING',
      doelOmschrijving: 'Onderzoek naar en verstrekking van maatschappelijke ondersteuning (Wmo 2015)',
      verwerkingsactiviteit: 'VA-SD-01',
      bron: 'wmo',
      velden: ['WmoVoorziening.productCategorie', 'Persoon.wmo'],
      gegevens: [
        { veld: 'WmoVoorziening.productCategorie', omschrijving: 'Productcategorie van de Wmo-voorziening' },
        { veld: 'Persoon.wmo', omschrijving: 'Wmo-maatwerkvoorzieningen van deze persoon uit GWS' },
      ],
    });
    expect(r.verstrekkingen[1]).toMatchObject({ organisatieNaam: 'MEE cliëntondersteuning', rolNamen: ['Medewerker van een partnerorganisatie'], gegevens: [{ veld: 'Persoon.naam', omschrijving: 'Naam' }, expect.anything()] });
  });

  it("keeps the privacy officer's supervision out of the disclosures and the summary, and lists it apart", async () => {
    const r = await report();
    expect(r.verstrekkingen.map((v) => v.doel)).toEqual(['WMO_ONDERSTEUNING', 'INTEGRALE_AANPAK', 'WMO_ONDERSTEUNING']);
    expect(r.samenvatting.map((s) => [s.organisatie, s.doel, s.aantal])).toEqual([
      ['gemeente', 'WMO_ONDERSTEUNING', 2],
      ['mee', 'INTEGRALE_AANPAK', 1],
    ]);
    expect(r.samenvatting[0]).toMatchObject({ eerste: '2026-11-02T09:00:00.000Z', laatste: '2026-11-05T12:00:00.000Z', velden: ['Persoon.wmo', 'WmoDossier.voorzieningen', 'WmoVoorziening.productCategorie'] });
    expect(r.samenvatting[0].gegevens.map((g) => g.omschrijving)).toEqual(['Wmo-maatwerkvoorzieningen van deze persoon uit GWS', 'Toegewezen Wmo-voorzieningen', 'Productcategorie van de Wmo-voorziening']);
    expect(r.toezicht).toEqual([
      expect.objectContaining({ rolNamen: ['Functionaris gegevensbescherming'], doelOmschrijving: expect.stringContaining('Toezicht'), gegevens: [{ veld: 'Query.auditRecords', omschrijving: 'Regels uit het logboek van verwerkingen' }] }),
      expect.objectContaining({ bron: 'retentie', gegevens: [{ veld: 'Mutation.registreerVernietigingsverzoek', omschrijving: 'Verzoek tot vernietiging van het Wmo- of jeugddossier' }] }),
    ]);
    expect(isToezicht({ doel: 'AUDIT' })).toBe(true);
    expect(isToezicht({ doel: 'INTEGRALE_AANPAK' })).toBe(false);
  });

  it('writes the same in its JSON file, codes beside their meaning, with the legal ground', async () => {
    const r = await report();
    const file = inzageJson(r, register);
    const json = JSON.parse(file.inhoud);
    expect(Object.keys(json)).toEqual(['betrokkene', 'periode', 'opgesteldOp', 'verantwoordelijke', 'samenvatting', 'verstrekkingen', 'toezicht']);
    expect(json.verstrekkingen[0]).toMatchObject({ organisatie: 'gemeente', organisatieNaam: 'Gemeente (sociaal domein)', velden: ['WmoVoorziening.productCategorie', 'Persoon.wmo'], grondslag: expect.stringContaining('Wmo 2015') });
    expect(json.toezicht).toHaveLength(2);
    expect(file.inhoud).not.toMatch(/consulent-1|partner-1|fg-1/);
  });

  it('writes one CSV line per disclosure, then per supervisory look-up, the earlier columns where they were', async () => {
    const r = await report();
    const file = inzageCsv(r, register);
    const lines: string[][] = parse(file.inhoud);
    expect(lines[0]).toEqual([...INZAGE_CSV_COLUMNS]);
    expect(lines[0].slice(0, 9)).toEqual(['tijdstip', 'organisatie', 'rollen', 'doel', 'verwerkingsactiviteit', 'naam_verwerkingsactiviteit', 'grondslag', 'bron', 'velden']);
    const at = (name: string) => lines[0].indexOf(name);
    expect(lines.slice(1).map((l) => l[at('soort')])).toEqual(['verstrekking', 'verstrekking', 'verstrekking', 'toezicht', 'toezicht']);
    expect(lines[1][at('gegevens')]).toBe('Productcategorie van de Wmo-voorziening; Wmo-maatwerkvoorzieningen van deze persoon uit GWS');
    expect(lines[2][at('naam_organisatie')]).toBe('MEE cliëntondersteuning');
    expect(lines[4][at('namen_rollen')]).toBe('Functionaris gegevensbescherming');
    expect(file.inhoud).not.toMatch(/consulent-1|partner-1|fg-1/);
  });
});
