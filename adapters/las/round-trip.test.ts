// Stand-in ↔ adapter: what the LAS stand-in exports, the reader must read back as the world says.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InschrijvingRecord, VerzuimmeldingRecord, VrijstellingRecord } from '../../domain/records';
import type { Municipality } from '../../municipality/types';
import { listExports, readExport } from './reader';
import { createLasSimulator } from './simulator';
import { BSN_12, BSN_5, buildMunicipality } from './testing/municipality-fixture';

/** The records the hub should get for the world (written out here, not taken from either side). */
function expected(m: Municipality) {
  return {
    leerlingen: m.leerlingen.map((l) => ({ burgerservicenummer: l.bsn, kwalificatieplichtig: l.kwalificatieplichtig })),
    inschrijvingen: m.inschrijvingen.map(
      (i): InschrijvingRecord => ({
        burgerservicenummer: i.bsn,
        brin: i.brin,
        schoolNaam: i.schoolNaam,
        onderwijssoort: i.onderwijssoort,
        ingangsdatum: i.ingangsdatum,
        einddatum: i.einddatum ?? null,
      }),
    ),
    verzuimmeldingen: m.verzuimmeldingen.map(
      (v): VerzuimmeldingRecord => ({
        burgerservicenummer: v.bsn,
        meldingId: v.meldingId,
        datum: v.datum,
        soort: v.soort,
        brin: v.brin,
        schoolNaam: v.schoolNaam,
        afhandeling: v.afhandeling,
      }),
    ),
    vrijstellingen: m.vrijstellingen.map(
      (v): VrijstellingRecord => ({
        burgerservicenummer: v.bsn,
        vrijstellingId: v.vrijstellingId,
        artikel: v.artikel,
        ingangsdatum: v.ingangsdatum,
        einddatum: v.einddatum ?? null,
      }),
    ),
  };
}

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'las-rt-'));
  dir = join(root, 'exports');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('LAS stand-in → reader', () => {
  it('reads back what the stand-in exported, quoting and line breaks included', async () => {
    const municipality = buildMunicipality();
    const sim = createLasSimulator({ municipality, exportDir: dir, now: () => new Date('2025-06-01T08:00:00.000Z') });
    const id = await sim.exportNow();
    expect(await listExports(dir)).toEqual([id]);
    expect(await readExport(dir, id)).toEqual({ exportId: id, exportedAt: '2025-06-01T08:00:00.000Z', ...expected(municipality) });
  });

  it('an upsert shows in the next export; the earlier one stays as it was', async () => {
    let now = new Date('2025-06-01T08:00:00.000Z');
    const municipality = buildMunicipality();
    const sim = createLasSimulator({ municipality, exportDir: dir, now: () => now });
    const first = await sim.exportNow();

    const melding = { bsn: BSN_5, meldingId: 'VM-2025-0099', datum: '2025-05-20', soort: 'LUXEVERZUIM', brin: '07QR', schoolNaam: 'Basisschool De Regenboog', afhandeling: 'WAARSCHUWING' } as const;
    sim.upsertVerzuimmelding(melding);
    sim.upsertVerzuimmelding({ ...municipality.verzuimmeldingen[0], afhandeling: 'HALT' });
    sim.upsertInschrijving({ ...municipality.inschrijvingen[2], einddatum: '2025-07-11' });
    sim.upsertVrijstelling({ bsn: BSN_12, vrijstellingId: 'VR-0010', artikel: '5b', ingangsdatum: '2025-08-01' });
    sim.upsertLeerling({ bsn: BSN_12, kwalificatieplichtig: true });
    now = new Date('2025-06-02T08:00:00.000Z');
    const second = await sim.exportNow();

    expect(await listExports(dir)).toEqual([first, second]);
    const before = await readExport(dir, first);
    const after = await readExport(dir, second);
    expect(before).toMatchObject(expected(municipality));
    expect(after.verzuimmeldingen).toEqual([
      { ...expected(municipality).verzuimmeldingen[0], afhandeling: 'HALT' },
      { burgerservicenummer: BSN_5, meldingId: 'VM-2025-0099', datum: '2025-05-20', soort: 'LUXEVERZUIM', brin: '07QR', schoolNaam: 'Basisschool De Regenboog', afhandeling: 'WAARSCHUWING' },
    ]);
    expect(after.inschrijvingen[2].einddatum).toBe('2025-07-11');
    expect(after.vrijstellingen).toContainEqual({ burgerservicenummer: BSN_12, vrijstellingId: 'VR-0010', artikel: '5b', ingangsdatum: '2025-08-01', einddatum: null });
    expect(after.leerlingen).toContainEqual({ burgerservicenummer: BSN_12, kwalificatieplichtig: true });
  });

  it('a reader polling during exports only ever lists exports it can read', async () => {
    const sim = createLasSimulator({ municipality: buildMunicipality(), exportDir: dir });
    // What a crash halfway through an export leaves behind: a temporary folder without manifest.
    await mkdir(join(dir, '.tmp-crashed'), { recursive: true });
    await writeFile(join(dir, '.tmp-crashed', 'leerlingen.csv'), '\uFEFFBSN;Kwalificatieplichtig\r\n');

    const writing = Promise.all([sim.exportNow(), sim.exportNow(), sim.exportNow()]);
    let done = false;
    void writing.then(() => (done = true));
    let polls = 0;
    while (!done || polls === 0) {
      for (const id of await listExports(dir)) await expect(readExport(dir, id)).resolves.toMatchObject({ exportId: id });
      polls += 1;
    }
    const ids = await writing;
    expect(await listExports(dir)).toEqual([...ids].sort());
  });
});
