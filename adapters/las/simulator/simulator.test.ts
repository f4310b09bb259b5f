// The stand-in on its own: checks its files byte by byte, without the adapter's reader.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMunicipality, BSN_12, BSN_5 } from '../testing/municipality-fixture';
import { createLasSimulator } from './index';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'las-sim-')), 'exports');
});
afterEach(() => rm(join(dir, '..'), { recursive: true, force: true }));

const fixedClock = () => new Date('2025-06-01T08:00:00.000Z');

describe('LAS stand-in', () => {
  it('writes a complete export: four CSVs and a manifest, nothing left behind', async () => {
    const sim = createLasSimulator({ municipality: buildMunicipality(), exportDir: dir, now: fixedClock });
    const id = await sim.exportNow();
    expect(id).toBe('20250601T080000000Z-0001');
    expect(await readdir(dir)).toEqual([id]);
    expect((await readdir(join(dir, id))).sort()).toEqual(['inschrijvingen.csv', 'leerlingen.csv', 'manifest.json', 'verzuimmeldingen.csv', 'vrijstellingen.csv']);

    const manifest = JSON.parse(await readFile(join(dir, id, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ formaat: 'las-export', versie: 1, exportId: id, aangemaaktOp: '2025-06-01T08:00:00.000Z', gemeenteCode: '0599' });
    for (const { naam, rijen, sha256 } of manifest.bestanden) {
      const bytes = await readFile(join(dir, id, naam));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      expect(rijen).toBe({ 'leerlingen.csv': 3, 'inschrijvingen.csv': 4, 'verzuimmeldingen.csv': 1, 'vrijstellingen.csv': 1 }[naam as string]);
    }
  });

  it('writes UTF-8 with BOM, CRLF, semicolons, dd-mm-jjjj dates and Dutch labels, quoting where needed', async () => {
    const sim = createLasSimulator({ municipality: buildMunicipality(), exportDir: dir, now: fixedClock });
    const id = await sim.exportNow();
    const inschrijvingen = await readFile(join(dir, id, 'inschrijvingen.csv'), 'utf8');
    expect(inschrijvingen).toBe(
      '\uFEFFBSN;BRIN;Schoolnaam;Onderwijssoort;Datum inschrijving;Datum uitschrijving\r\n' +
        '999990032;21XY;"Scholengemeenschap ""Het Baken""; locatie Zuid";VMBO;17-08-2020;12-07-2024\r\n' +
        '999990032;22AB01;"ROC Zeeland\nafdeling Zorg";MBO;02-09-2024;\r\n' +
        '999990044;19ZZ;De Séparé, school voor SO;SO;19-08-2019;\r\n' +
        '999990093;07QR;Basisschool De Regenboog;BAO;02-09-2024;\r\n',
    );
    expect(await readFile(join(dir, id, 'verzuimmeldingen.csv'), 'utf8')).toContain(
      `VM-2025-0042;${BSN_12};03-02-2025;Ongeoorloofd verzuim;19ZZ;De Séparé, school voor SO;Gesprek\r\n`,
    );
    expect(await readFile(join(dir, id, 'vrijstellingen.csv'), 'utf8')).toContain('VR-0007;999990032;5 onder a;01-01-2023;30-06-2023\r\n');
    expect(await readFile(join(dir, id, 'leerlingen.csv'), 'utf8')).toBe('\uFEFFBSN;Kwalificatieplichtig\r\n999990032;J\r\n999990044;N\r\n999990093;N\r\n');
  });

  it('gives sortable, unique ids: a counter within one timestamp, time order across', async () => {
    let now = fixedClock();
    const sim = createLasSimulator({ municipality: buildMunicipality(), exportDir: dir, now: () => now });
    const [a, b] = await Promise.all([sim.exportNow(), sim.exportNow()]);
    now = new Date('2025-06-01T08:00:01.500Z');
    const c = await sim.exportNow();
    expect([a, b, c]).toEqual(['20250601T080000000Z-0001', '20250601T080000000Z-0002', '20250601T080001500Z-0001']);
    // A second LAS instance on the same folder does not reuse an id.
    const other = createLasSimulator({ municipality: buildMunicipality(), exportDir: dir, now: fixedClock });
    expect(await other.exportNow()).toBe('20250601T080000000Z-0003');
    expect([...(await readdir(dir))].sort()).toEqual([a, b, '20250601T080000000Z-0003', c]);
  });

  it('upserts replace by key and add new records', async () => {
    const sim = createLasSimulator({ municipality: buildMunicipality(), exportDir: dir, now: fixedClock });
    sim.upsertLeerling({ bsn: BSN_5, kwalificatieplichtig: true });
    sim.upsertVerzuimmelding({ bsn: BSN_12, meldingId: 'VM-2025-0042', datum: '2025-02-03', soort: 'ONGEOORLOOFD', brin: '19ZZ', schoolNaam: 'X', afhandeling: 'HALT' });
    sim.upsertVrijstelling({ bsn: BSN_5, vrijstellingId: 'VR-0008', artikel: '5c', ingangsdatum: '2025-01-01' });
    const id = await sim.exportNow();
    const leerlingen = await readFile(join(dir, id, 'leerlingen.csv'), 'utf8');
    expect(leerlingen.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(leerlingen).toContain(`${BSN_5};J`);
    const verzuim = await readFile(join(dir, id, 'verzuimmeldingen.csv'), 'utf8');
    expect(verzuim.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(verzuim).toContain(';HALT-verwijzing\r\n');
    expect(await readFile(join(dir, id, 'vrijstellingen.csv'), 'utf8')).toContain(`VR-0008;${BSN_5};5 onder c;01-01-2025;\r\n`);
  });

  it('keeps its own copy of the world', async () => {
    const municipality = buildMunicipality();
    const sim = createLasSimulator({ municipality, exportDir: dir, now: fixedClock });
    municipality.leerlingen.length = 0;
    const id = await sim.exportNow();
    expect((await readFile(join(dir, id, 'leerlingen.csv'), 'utf8')).split('\r\n').filter(Boolean)).toHaveLength(4);
  });
});
