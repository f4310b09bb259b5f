import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError } from './errors';
import { listExports, readExport } from './reader';

// Hand-written export files (not made by the stand-in), in the documented LAS format.
const BOM = '\uFEFF';
const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

const LEERLINGEN = BOM + crlf('BSN;Kwalificatieplichtig', '999990032;J', '999990044;N');
const INSCHRIJVINGEN =
  BOM +
  crlf(
    'BSN;BRIN;Schoolnaam;Onderwijssoort;Datum inschrijving;Datum uitschrijving',
    '999990032;21XY;"Scholengemeenschap ""Het Baken""; locatie Zuid";VMBO;17-08-2020;12-07-2024',
    '999990032;22AB01;"ROC Zeeland\r\nafdeling Zorg";MBO;02-09-2024;',
    '999990044;19ZZ;;SO;19-08-2019;',
  );
// Columns in another order than the LAS usually writes them, LF line ends and no BOM: all allowed.
const VERZUIMMELDINGEN = [
  'BSN;Meldingnummer;Meldingsdatum;Verzuimsoort;BRIN;Schoolnaam;Afhandeling',
  '999990044;VM-2025-0042;03-02-2025;Ongeoorloofd verzuim;19ZZ;De Séparé;Gesprek',
  '999990032;VM-2025-0043;10-03-2025;Absoluut verzuim;;;',
  '',
].join('\n');
const VRIJSTELLINGEN = BOM + crlf('Vrijstellingnummer;BSN;Artikel;Ingangsdatum;Einddatum', 'VR-0007;999990032;5 onder a;01-01-2023;30-06-2023');

type Files = Record<string, string>;
const FILES: Files = {
  'leerlingen.csv': LEERLINGEN,
  'inschrijvingen.csv': INSCHRIJVINGEN,
  'verzuimmeldingen.csv': VERZUIMMELDINGEN,
  'vrijstellingen.csv': VRIJSTELLINGEN,
};

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const dataRows = (text: string) => {
  // Counts records, not lines: only the hand-written multi-line cell in INSCHRIJVINGEN spans two.
  const lines = Math.max(0, text.split(/\r?\n/).filter((l) => l !== '').length - 1);
  return text.includes('ROC Zeeland') ? lines - 1 : lines;
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'las-reader-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function writeExportFolder(
  exportId: string,
  overrides: Files = {},
  options: { manifest?: boolean; rows?: Record<string, number>; checksumOf?: Files } = {},
): Promise<void> {
  const files = { ...FILES, ...overrides };
  const folder = join(dir, exportId);
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text, 'utf8');
  if (options.manifest === false) return;
  const manifest = {
    formaat: 'las-export',
    versie: 1,
    exportId,
    aangemaaktOp: '2025-06-01T06:00:00.000Z',
    bestanden: Object.entries(files).map(([naam, text]) => ({
      naam,
      rijen: options.rows?.[naam] ?? dataRows(text),
      sha256: sha256(options.checksumOf?.[naam] ?? text),
    })),
  };
  await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest));
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => {
      throw new Error('expected an ImportError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).code).toBe('SOURCE_PROTOCOL_ERROR');
  return error as ImportError;
}

describe('readExport', () => {
  it('reads quoting, BOM, CRLF and LF, multi-line cells and empty optional cells', async () => {
    await writeExportFolder('20250601T060000000Z-0001');
    const result = await readExport(dir, '20250601T060000000Z-0001');
    expect(result).toEqual({
      exportId: '20250601T060000000Z-0001',
      exportedAt: '2025-06-01T06:00:00.000Z',
      leerlingen: [
        { burgerservicenummer: '999990032', kwalificatieplichtig: true },
        { burgerservicenummer: '999990044', kwalificatieplichtig: false },
      ],
      inschrijvingen: [
        {
          burgerservicenummer: '999990032',
          brin: '21XY',
          schoolNaam: 'Scholengemeenschap "Het Baken"; locatie Zuid',
          onderwijssoort: 'VMBO',
          ingangsdatum: '2020-08-17',
          einddatum: '2024-07-12',
        },
        { burgerservicenummer: '999990032', brin: '22AB01', schoolNaam: 'ROC Zeeland\r\nafdeling Zorg', onderwijssoort: 'MBO', ingangsdatum: '2024-09-02', einddatum: null },
        { burgerservicenummer: '999990044', brin: '19ZZ', schoolNaam: null, onderwijssoort: 'SO', ingangsdatum: '2019-08-19', einddatum: null },
      ],
      verzuimmeldingen: [
        { burgerservicenummer: '999990044', meldingId: 'VM-2025-0042', datum: '2025-02-03', soort: 'ONGEOORLOOFD', brin: '19ZZ', schoolNaam: 'De Séparé', afhandeling: 'GESPREK' },
        { burgerservicenummer: '999990032', meldingId: 'VM-2025-0043', datum: '2025-03-10', soort: 'ABSOLUUT', brin: null, schoolNaam: null, afhandeling: null },
      ],
      vrijstellingen: [{ burgerservicenummer: '999990032', vrijstellingId: 'VR-0007', artikel: '5a', ingangsdatum: '2023-01-01', einddatum: '2023-06-30' }],
    });
  });

  it('reports a bad date with file, line and column — and without the value or the row’s BSN', async () => {
    const bad = INSCHRIJVINGEN.replace('19-08-2019', '31-02-2019');
    await writeExportFolder('x1', { 'inschrijvingen.csv': bad });
    const error = await importError(readExport(dir, 'x1'));
    // Line 5: header, two rows, and the quoted line break in row 2 takes a line of its own.
    expect(error).toMatchObject({ file: 'inschrijvingen.csv', line: 5, column: 'Datum inschrijving', expected: 'a date dd-mm-jjjj' });
    expect(error.message).toBe('inschrijvingen.csv line 5, column Datum inschrijving: expected a date dd-mm-jjjj');
    expect(error.message).not.toMatch(/31-02-2019|999990044/);
  });

  it('reports an ISO date where the LAS format has dd-mm-jjjj', async () => {
    await writeExportFolder('x1', { 'vrijstellingen.csv': VRIJSTELLINGEN.replace('01-01-2023', '2023-01-01') });
    expect(await importError(readExport(dir, 'x1'))).toMatchObject({ file: 'vrijstellingen.csv', line: 2, column: 'Ingangsdatum' });
  });

  it('reports a BSN failing the elfproef without echoing it', async () => {
    await writeExportFolder('x1', { 'leerlingen.csv': LEERLINGEN.replace('999990044', '999990045') });
    const error = await importError(readExport(dir, 'x1'));
    expect(error.message).toBe('leerlingen.csv line 3, column BSN: expected a burgerservicenummer (9 digits passing the elfproef)');
    expect(error.message).not.toContain('999990045');
  });

  it('counts skipped blank lines and LF-only cells when it reports a line', async () => {
    const withGaps = '\uFEFFBSN;Kwalificatieplichtig\r\n\r\n999990032;J\r\n\r\n999990045;N\r\n';
    await writeExportFolder('x1', { 'leerlingen.csv': withGaps }, { rows: { 'leerlingen.csv': 2 } });
    expect(await importError(readExport(dir, 'x1'))).toMatchObject({ file: 'leerlingen.csv', line: 5, column: 'BSN' });
  });

  it('names the allowed values for a code column', async () => {
    await writeExportFolder('x1', { 'verzuimmeldingen.csv': VERZUIMMELDINGEN.replace('Absoluut verzuim', 'Spijbelen') });
    const error = await importError(readExport(dir, 'x1'));
    expect(error).toMatchObject({ line: 3, column: 'Verzuimsoort' });
    expect(error.expected).toContain('"Ongeoorloofd verzuim"');
    expect(error.message).not.toContain('Spijbelen');
  });

  it('rejects an end date before the start', async () => {
    await writeExportFolder('x1', { 'vrijstellingen.csv': VRIJSTELLINGEN.replace('30-06-2023', '30-06-2022') });
    expect(await importError(readExport(dir, 'x1'))).toMatchObject({ column: 'Einddatum', expected: 'a date on or after Ingangsdatum' });
  });

  it('checks the header strictly', async () => {
    await writeExportFolder('a', { 'leerlingen.csv': crlf('BSN', '999990032') });
    expect(await importError(readExport(dir, 'a'))).toMatchObject({ file: 'leerlingen.csv', line: 1, column: 'Kwalificatieplichtig' });

    await writeExportFolder('b', { 'leerlingen.csv': crlf('BSN;Kwalificatieplichtig;Naam', '999990032;J;Noor') });
    const extra = await importError(readExport(dir, 'b'));
    expect(extra.message).toBe('leerlingen.csv line 1: expected exactly the columns BSN;Kwalificatieplichtig; column 3 is not one of them');

    await writeExportFolder('c', { 'leerlingen.csv': crlf('BSN;BSN;Kwalificatieplichtig', '999990032;999990032;J') });
    expect(await importError(readExport(dir, 'c'))).toMatchObject({ line: 1, column: 'BSN' });

    await writeExportFolder('d', { 'leerlingen.csv': '' });
    expect(await importError(readExport(dir, 'd'))).toMatchObject({ line: 1, expected: 'a header row: BSN;Kwalificatieplichtig' });
  });

  it('reports broken CSV structure by line, without csv-parse’s message (it can quote cells)', async () => {
    await writeExportFolder('a', { 'leerlingen.csv': crlf('BSN;Kwalificatieplichtig', '999990032;J;extra') });
    expect(await importError(readExport(dir, 'a'))).toMatchObject({ line: 2, column: null, expected: 'as many fields as the header has' });

    await writeExportFolder('b', { 'leerlingen.csv': crlf('BSN;Kwalificatieplichtig', '999990032;"J') });
    expect((await importError(readExport(dir, 'b'))).expected).toBe('a closing quote for the quoted field');

    await writeExportFolder('c', { 'leerlingen.csv': crlf('BSN;Kwalificatieplichtig', '99999"0032;J') });
    const error = await importError(readExport(dir, 'c'));
    expect(error.line).toBe(2);
    expect(error.message).not.toContain('0032');
  });

  it('rejects a snapshot with the same key twice, naming both lines', async () => {
    const twice = VRIJSTELLINGEN + 'VR-0007;999990044;5 onder b;01-01-2024;\r\n';
    await writeExportFolder('x1', { 'vrijstellingen.csv': twice });
    expect(await importError(readExport(dir, 'x1'))).toMatchObject({
      line: 3,
      column: 'Vrijstellingnummer',
      expected: 'a row not repeating the key of line 2',
    });
  });

  it('rejects a file whose row count differs from the manifest', async () => {
    await writeExportFolder('x1', {}, { rows: { 'leerlingen.csv': 3 } });
    expect(await importError(readExport(dir, 'x1'))).toMatchObject({ file: 'leerlingen.csv', expected: '3 data rows as the manifest says, found 2' });
  });

  it('refuses an export whose checksum does not match, or that has no manifest', async () => {
    await writeExportFolder('tampered', {}, { checksumOf: { 'leerlingen.csv': 'iets anders' } });
    expect(await importError(readExport(dir, 'tampered'))).toMatchObject({ file: 'leerlingen.csv', expected: 'contents matching the manifest checksum' });
    await writeExportFolder('unfinished', {}, { manifest: false });
    expect(await importError(readExport(dir, 'unfinished'))).toMatchObject({ file: 'manifest.json' });
  });

  it('refuses an export id that is a path', async () => {
    await expect(readExport(dir, '../etc')).rejects.toThrow(RangeError);
    await expect(readExport(dir, '.tmp-abc')).rejects.toThrow(RangeError);
  });
});

describe('listExports', () => {
  it('lists only complete exports, oldest first', async () => {
    await writeExportFolder('20250602T060000000Z-0001');
    await writeExportFolder('20250601T060000000Z-0002');
    await writeExportFolder('20250601T060000000Z-0001');
    await writeExportFolder('20250603T060000000Z-0001', {}, { manifest: false }); // no manifest
    await writeExportFolder('20250604T060000000Z-0001', {}, { checksumOf: { 'vrijstellingen.csv': 'x' } }); // tampered
    await writeExportFolder('.tmp-half'); // in progress
    await writeFile(join(dir, 'notes.txt'), 'not an export');

    const skipped: [string, string][] = [];
    const ids = await listExports(dir, { onSkip: (folder, reason) => skipped.push([folder, reason]) });
    expect(ids).toEqual(['20250601T060000000Z-0001', '20250601T060000000Z-0002', '20250602T060000000Z-0001']);
    expect(skipped.sort()).toEqual([
      ['20250603T060000000Z-0001', 'manifest.json: expected a manifest.json (export incomplete)'],
      ['20250604T060000000Z-0001', 'vrijstellingen.csv: expected contents matching the manifest checksum'],
    ]);
  });

  it('does not list an export whose manifest names another export or misses a file', async () => {
    await writeExportFolder('a');
    await writeFile(join(dir, 'a', 'manifest.json'), JSON.stringify({ formaat: 'las-export', versie: 1, exportId: 'b', aangemaaktOp: '2025-06-01T06:00:00.000Z', bestanden: [] }));
    await writeExportFolder('c');
    await writeFile(join(dir, 'c', 'manifest.json'), '{ "formaat": "las-export", ');
    expect(await listExports(dir)).toEqual([]);
  });

  it('returns nothing for a folder that does not exist yet', async () => {
    expect(await listExports(join(dir, 'nog-niet'))).toEqual([]);
  });
});
