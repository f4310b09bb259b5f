/**
 * Reader for LAS (leerplicht administration) batch exports.
 *
 * An export is a folder `<dir>/<exportId>/` with four CSV files and a `manifest.json` that lists
 * them with row counts and SHA-256 checksums. The LAS writes the folder under a temporary
 * (dot-prefixed) name and renames it when complete, so a folder with a valid manifest whose
 * checksums match is a complete export; anything else is skipped. Format: see README.md.
 *
 * Each export is a full snapshot: the sync replaces the LAS read model with it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { InschrijvingRecord, LeerlingRecord, VerzuimmeldingRecord, VrijstellingRecord } from '../../domain/records';
import { isValidBsn } from '../../lib/bsn';
import { ImportError } from './errors';

/** The CSV files every export holds. */
const LAS_EXPORT_FILES = ['leerlingen.csv', 'inschrijvingen.csv', 'verzuimmeldingen.csv', 'vrijstellingen.csv'] as const;
type LasExportFile = (typeof LAS_EXPORT_FILES)[number];

const MANIFEST = 'manifest.json';

/** Export folder names: no path separators, no dot-prefixed (temporary) names. */
const EXPORT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Header of each file, in the order the LAS writes it (readers accept any order). */
const COLUMNS = {
  'leerlingen.csv': ['BSN', 'Kwalificatieplichtig'],
  'inschrijvingen.csv': ['BSN', 'BRIN', 'Schoolnaam', 'Onderwijssoort', 'Datum inschrijving', 'Datum uitschrijving'],
  'verzuimmeldingen.csv': ['Meldingnummer', 'BSN', 'Meldingsdatum', 'Verzuimsoort', 'BRIN', 'Schoolnaam', 'Afhandeling'],
  'vrijstellingen.csv': ['Vrijstellingnummer', 'BSN', 'Artikel', 'Ingangsdatum', 'Einddatum'],
} as const satisfies Record<LasExportFile, readonly string[]>;

const ONDERWIJSSOORTEN = ['BAO', 'SBO', 'SO', 'VSO', 'VMBO', 'HAVO', 'VWO', 'MBO'] as const;

/** LAS labels → the codes the domain uses (see municipality/types.ts). */
const VERZUIMSOORTEN: Readonly<Record<string, string>> = {
  'Absoluut verzuim': 'ABSOLUUT',
  'Ongeoorloofd verzuim': 'ONGEOORLOOFD',
  Luxeverzuim: 'LUXEVERZUIM',
  Signaalverzuim: 'SIGNAALVERZUIM',
};
const AFHANDELINGEN: Readonly<Record<string, string>> = {
  Gesprek: 'GESPREK',
  Waarschuwing: 'WAARSCHUWING',
  'HALT-verwijzing': 'HALT',
  'Proces-verbaal': 'PROCES_VERBAAL',
  'In behandeling': 'IN_BEHANDELING',
};
/** Leerplichtwet art. 5 sub a/b/c as the LAS writes it. */
const ARTIKELEN: Readonly<Record<string, string>> = { '5 onder a': '5a', '5 onder b': '5b', '5 onder c': '5c' };

const manifestSchema = z.object({
  formaat: z.literal('las-export'),
  versie: z.literal(1),
  exportId: z.string(),
  aangemaaktOp: z.iso.datetime(),
  bestanden: z.array(
    z.object({
      naam: z.string(),
      rijen: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
type Manifest = z.infer<typeof manifestSchema>;

/** A complete export, read and mapped to domain records. */
export interface LasExport {
  exportId: string;
  /** When the LAS made the export (manifest `aangemaaktOp`), ISO date-time. */
  exportedAt: string;
  leerlingen: LeerlingRecord[];
  inschrijvingen: InschrijvingRecord[];
  verzuimmeldingen: VerzuimmeldingRecord[];
  vrijstellingen: VrijstellingRecord[];
}

interface ListExportsOptions {
  /**
   * Told about each folder that is skipped and why (e.g. "checksum of inschrijvingen.csv does not
   * match"), for the operator: an export folder that never becomes complete needs a look.
   */
  onSkip?: (folder: string, reason: string) => void;
}

/**
 * The ids of the complete exports in `dir`, oldest first (the LAS makes ids that sort by time).
 * Dot-prefixed folders (in progress) are ignored; folders without a valid manifest, or whose
 * files do not match its checksums, are skipped. A missing `dir` means no exports yet.
 */
export async function listExports(dir: string, options: ListExportsOptions = {}): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const complete: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (!EXPORT_ID.test(entry.name)) {
      options.onSkip?.(entry.name, 'folder name is not an export id');
      continue;
    }
    try {
      await readVerified(dir, entry.name);
      complete.push(entry.name);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      options.onSkip?.(entry.name, error.message);
    }
  }
  return complete.sort();
}

/**
 * Reads export `exportId` from `dir`: checks the manifest and checksums, then parses every file.
 *
 * @throws ImportError (`SOURCE_PROTOCOL_ERROR`) naming file, line and column when the export is
 * incomplete or a file breaks the format.
 * @throws RangeError when `exportId` is not an export id (for instance a path).
 */
export async function readExport(dir: string, exportId: string): Promise<LasExport> {
  if (!EXPORT_ID.test(exportId)) throw new RangeError('exportId: expected letters, digits, "-" or "_" (an export folder name)');
  const { manifest, files } = await readVerified(dir, exportId);

  /** Parses one file into records, each with the line it starts on; checks the manifest's row count. */
  const read = <R>(file: LasExportFile, toRecord: (row: Row) => R): Lined<R>[] => {
    const rows = readTable(file, files[file]);
    const declared = manifest.bestanden.find((b) => b.naam === file)!.rijen;
    if (rows.length !== declared) {
      throw new ImportError(file, null, null, `${declared} data rows as the manifest says, found ${rows.length}`);
    }
    return rows.map((row) => ({ line: row.line, record: toRecord(row) }));
  };

  return {
    exportId,
    exportedAt: manifest.aangemaaktOp,
    leerlingen: unique('leerlingen.csv', read('leerlingen.csv', toLeerling), 'BSN', (r) => r.burgerservicenummer),
    inschrijvingen: unique(
      'inschrijvingen.csv',
      read('inschrijvingen.csv', toInschrijving),
      'Datum inschrijving',
      // One enrolment per pupil, school and start date; reported on the date column.
      (r) => `${r.burgerservicenummer}|${r.brin}|${r.ingangsdatum}`,
    ),
    verzuimmeldingen: unique('verzuimmeldingen.csv', read('verzuimmeldingen.csv', toVerzuimmelding), 'Meldingnummer', (r) => r.meldingId),
    vrijstellingen: unique('vrijstellingen.csv', read('vrijstellingen.csv', toVrijstelling), 'Vrijstellingnummer', (r) => r.vrijstellingId),
  };
}

/**
 * Reads the manifest and the files it lists, and checks them against it. The bytes returned are
 * the bytes that were checked, so what is parsed is exactly what the checksum covered.
 */
async function readVerified(dir: string, exportId: string): Promise<{ manifest: Manifest; files: Record<LasExportFile, Buffer> }> {
  const folder = join(dir, exportId);
  let raw: string;
  try {
    raw = await readFile(join(folder, MANIFEST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ImportError(MANIFEST, null, null, 'a manifest.json (export incomplete)');
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ImportError(MANIFEST, null, null, 'valid JSON');
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ImportError(MANIFEST, null, issue.path.join('.') || null, `a manifest of format las-export version 1 (${issue.code})`);
  }
  const manifest = result.data;
  if (manifest.exportId !== exportId) throw new ImportError(MANIFEST, null, 'exportId', 'the name of the export folder');
  const listed = manifest.bestanden.map((b) => b.naam).sort();
  if (listed.join('|') !== [...LAS_EXPORT_FILES].sort().join('|')) {
    throw new ImportError(MANIFEST, null, 'bestanden', `exactly the files ${LAS_EXPORT_FILES.join(', ')}`);
  }

  const files = {} as Record<LasExportFile, Buffer>;
  for (const entry of manifest.bestanden) {
    const name = entry.naam as LasExportFile;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(folder, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ImportError(name, null, null, 'the file the manifest lists');
      throw error;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
      throw new ImportError(name, null, null, 'contents matching the manifest checksum');
    }
    files[name] = bytes;
  }
  return { manifest, files };
}

// --- CSV -----------------------------------------------------------------------------------

/** One data row, with line-aware accessors that throw ImportError on bad cells. */
class Row {
  constructor(
    private readonly file: LasExportFile,
    readonly line: number,
    private readonly cells: ReadonlyMap<string, string>,
  ) {}

  fail(column: string, expected: string): never {
    throw new ImportError(this.file, this.line, column, expected);
  }

  optional(column: string): string | null {
    const value = this.cells.get(column) ?? '';
    return value === '' ? null : value;
  }

  required(column: string, expected = 'a value'): string {
    return this.optional(column) ?? this.fail(column, `${expected}, found an empty cell`);
  }

  bsn(column: string): string {
    const value = this.required(column, 'a burgerservicenummer');
    return isValidBsn(value) ? value : this.fail(column, 'a burgerservicenummer (9 digits passing the elfproef)');
  }

  optionalDate(column: string): string | null {
    const value = this.optional(column);
    if (value === null) return null;
    return dutchDateToIso(value) ?? this.fail(column, 'a date dd-mm-jjjj');
  }

  date(column: string): string {
    return this.optionalDate(column) ?? this.fail(column, 'a date dd-mm-jjjj, found an empty cell');
  }

  pattern(column: string, pattern: RegExp, expected: string): string {
    const value = this.required(column, expected);
    return pattern.test(value) ? value : this.fail(column, expected);
  }

  optionalPattern(column: string, pattern: RegExp, expected: string): string | null {
    const value = this.optional(column);
    return value === null || pattern.test(value) ? value : this.fail(column, expected);
  }

  oneOf(column: string, values: Readonly<Record<string, string>>): string {
    const value = this.optionalOneOf(column, values);
    return value ?? this.fail(column, `one of ${quoteList(Object.keys(values))}, found an empty cell`);
  }

  optionalOneOf(column: string, values: Readonly<Record<string, string>>): string | null {
    const value = this.optional(column);
    if (value === null) return null;
    return Object.hasOwn(values, value) ? values[value] : this.fail(column, `one of ${quoteList(Object.keys(values))}`);
  }

  /** An end date that may not lie before the start. */
  endDate(column: string, start: string | null, startColumn: string): string | null {
    const end = this.optionalDate(column);
    return end !== null && start !== null && end < start ? this.fail(column, `a date on or after ${startColumn}`) : end;
  }
}

const BRIN = /^[0-9]{2}[A-Z]{2}([0-9]{2})?$/;
const BRIN_EXPECTED = 'a BRIN code (2 digits, 2 capitals, optional 2-digit vestiging)';
const NUMMER = /^[A-Za-z0-9-]{1,30}$/;
const NUMMER_EXPECTED = 'a number of 1 to 30 letters, digits or "-"';

function toLeerling(row: Row): LeerlingRecord {
  return {
    burgerservicenummer: row.bsn('BSN'),
    kwalificatieplichtig: row.oneOf('Kwalificatieplichtig', { J: 'J', N: 'N' }) === 'J',
  };
}

function toInschrijving(row: Row): InschrijvingRecord {
  const ingangsdatum = row.date('Datum inschrijving');
  return {
    burgerservicenummer: row.bsn('BSN'),
    brin: row.pattern('BRIN', BRIN, BRIN_EXPECTED),
    schoolNaam: row.optional('Schoolnaam'),
    onderwijssoort: row.oneOf('Onderwijssoort', Object.fromEntries(ONDERWIJSSOORTEN.map((s) => [s, s]))),
    ingangsdatum,
    einddatum: row.endDate('Datum uitschrijving', ingangsdatum, 'Datum inschrijving'),
  };
}

function toVerzuimmelding(row: Row): VerzuimmeldingRecord {
  return {
    burgerservicenummer: row.bsn('BSN'),
    meldingId: row.pattern('Meldingnummer', NUMMER, NUMMER_EXPECTED),
    datum: row.date('Meldingsdatum'),
    soort: row.oneOf('Verzuimsoort', VERZUIMSOORTEN),
    // Absoluut verzuim means: not enrolled anywhere, so there is no school.
    brin: row.optionalPattern('BRIN', BRIN, BRIN_EXPECTED),
    schoolNaam: row.optional('Schoolnaam'),
    afhandeling: row.optionalOneOf('Afhandeling', AFHANDELINGEN),
  };
}

function toVrijstelling(row: Row): VrijstellingRecord {
  const ingangsdatum = row.date('Ingangsdatum');
  return {
    burgerservicenummer: row.bsn('BSN'),
    vrijstellingId: row.pattern('Vrijstellingnummer', NUMMER, NUMMER_EXPECTED),
    artikel: row.oneOf('Artikel', ARTIKELEN),
    ingangsdatum,
    einddatum: row.endDate('Einddatum', ingangsdatum, 'Ingangsdatum'),
  };
}

/** csv-parse error codes → what we expected. Its own messages can quote cell values, so never used. */
const CSV_EXPECTED: Readonly<Record<string, string>> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'as many fields as the header has',
  CSV_QUOTE_NOT_CLOSED: 'a closing quote for the quoted field',
  CSV_INVALID_CLOSING_QUOTE: 'a delimiter or line end after a closing quote',
  CSV_INVALID_OPENING_QUOTE: 'a quote only at the start of a field',
};

/** Parses one file: strict header, then one Row per record, with the line each record starts on. */
function readTable(file: LasExportFile, bytes: Buffer): Row[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(file, null, null, 'UTF-8 text');
  }

  // Line numbers are counted here, from byte offsets: csv-parse's own line count treats a CRLF
  // inside a quoted cell as two lines.
  const lineOf = lineLocator(Buffer.from(text, 'utf8'));
  const records: { cells: string[]; line: number }[] = [];
  let recordStart = 0;
  try {
    parse(text, {
      delimiter: ';',
      quote: '"',
      escape: '"',
      bom: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        records.push({ cells: record, line: lineOf(recordStart) });
        recordStart = context.bytes;
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ImportError(file, lineOf(recordStart), null, CSV_EXPECTED[error.code] ?? `valid CSV (${error.code})`);
    }
    throw error;
  }

  if (records.length === 0) throw new ImportError(file, 1, null, `a header row: ${COLUMNS[file].join(';')}`);
  const header = records[0].cells.map((name) => name.trim());
  checkHeader(file, header);

  return records.slice(1).map(({ cells, line }) => new Row(file, line, new Map(header.map((name, i) => [name, cells[i].trim()]))));
}

/**
 * Maps a byte offset to its 1-based line, skipping the empty lines the parser skips. CRLF, LF
 * and a lone CR each end a line.
 */
function lineLocator(bytes: Buffer): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i++;
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) starts.push(i + 1);
  }
  return (offset) => {
    let at = offset;
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
    // Number of line starts at or before `at` (binary search; starts is ascending).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function checkHeader(file: LasExportFile, header: string[]): void {
  const expected: readonly string[] = COLUMNS[file];
  const wanted = `exactly the columns ${expected.join(';')}`;
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!expected.includes(name)) throw new ImportError(file, 1, null, `${wanted}; column ${i + 1} is not one of them`);
    if (seen.has(name)) throw new ImportError(file, 1, name, `${wanted}; this column appears twice`);
    seen.add(name);
  });
  for (const name of expected) {
    if (!seen.has(name)) throw new ImportError(file, 1, name, `${wanted}; this column is missing`);
  }
}

interface Lined<R> {
  line: number;
  record: R;
}

/** A snapshot with two rows for the same key cannot replace a read model; name both lines. */
function unique<R>(file: LasExportFile, rows: Lined<R>[], column: string, key: (r: R) => string): R[] {
  const seen = new Map<string, number>();
  for (const { line, record } of rows) {
    const k = key(record);
    const first = seen.get(k);
    if (first !== undefined) throw new ImportError(file, line, column, `a row not repeating the key of line ${first}`);
    seen.set(k, line);
  }
  return rows.map((r) => r.record);
}

/** dd-mm-jjjj → YYYY-MM-DD, or null when it is not a real calendar date. */
function dutchDateToIso(value: string): string | null {
  const m = /^([0-9]{2})-([0-9]{2})-([0-9]{4})$/.exec(value);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

function quoteList(values: string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}
