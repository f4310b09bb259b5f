/**
 * Stand-in for a LAS (leerplicht administration system) that drops full CSV batch exports into a
 * folder, as municipalities' LAS suites do for downstream systems.
 *
 * It never imports the adapter (adapters/las/*.ts) and vice versa: each side has its own CSV and
 * manifest code, so a misread of the format fails a test instead of hiding on both sides.
 *
 * An export is written as `exportDir/.tmp-XXXX/` (four CSVs, then `manifest.json` last) and then
 * renamed to `exportDir/<exportId>/` in one step, so a reader never sees half an export. The
 * manifest's SHA-256 per file also catches what a crash between write and disk could leave.
 * Format: see ../README.md.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Inschrijving, Leerling, Municipality, Verzuimmelding, Vrijstelling } from '../../../municipality/types';

interface LasSimulatorOptions {
  /** World the LAS starts from; it keeps its own copy, later changes come in through upserts. */
  municipality: Municipality;
  /** Where exports go; created when missing. */
  exportDir: string;
  /** Clock for export ids and `aangemaaktOp`. @defaultValue () => new Date() */
  now?: () => Date;
}

interface LasSimulator {
  /** Writes a full export of the current state and returns its id (sortable by time). */
  exportNow(): Promise<string>;
  /** Adds or replaces a verzuimmelding (key: meldingId). */
  upsertVerzuimmelding(v: Verzuimmelding): void;
  /** Adds or replaces an enrolment (key: bsn + brin + ingangsdatum). */
  upsertInschrijving(i: Inschrijving): void;
  /** Adds or replaces a vrijstelling (key: vrijstellingId). */
  upsertVrijstelling(v: Vrijstelling): void;
  /** Adds or replaces a pupil (key: bsn). */
  upsertLeerling(l: Leerling): void;
}

const VERZUIMSOORT_LABEL: Record<Verzuimmelding['soort'], string> = {
  ABSOLUUT: 'Absoluut verzuim',
  ONGEOORLOOFD: 'Ongeoorloofd verzuim',
  LUXEVERZUIM: 'Luxeverzuim',
  SIGNAALVERZUIM: 'Signaalverzuim',
};
const AFHANDELING_LABEL: Record<Verzuimmelding['afhandeling'], string> = {
  GESPREK: 'Gesprek',
  WAARSCHUWING: 'Waarschuwing',
  HALT: 'HALT-verwijzing',
  PROCES_VERBAAL: 'Proces-verbaal',
  IN_BEHANDELING: 'In behandeling',
};
const ARTIKEL_LABEL: Record<Vrijstelling['artikel'], string> = { '5a': '5 onder a', '5b': '5 onder b', '5c': '5 onder c' };

/**
 * Creates the stand-in. Nothing is written until `exportNow()`.
 */
export function createLasSimulator(options: LasSimulatorOptions): LasSimulator {
  const { exportDir } = options;
  const now = options.now ?? (() => new Date());
  const m = structuredClone(options.municipality);
  const leerlingen = new Keyed<Leerling>((l) => l.bsn, m.leerlingen);
  const inschrijvingen = new Keyed<Inschrijving>((i) => `${i.bsn}|${i.brin}|${i.ingangsdatum}`, m.inschrijvingen);
  const verzuimmeldingen = new Keyed<Verzuimmelding>((v) => v.meldingId, m.verzuimmeldingen);
  const vrijstellingen = new Keyed<Vrijstelling>((v) => v.vrijstellingId, m.vrijstellingen);
  // Serialise exports: two at once would race for the same id.
  let queue: Promise<unknown> = Promise.resolve();

  const writeExport = async (): Promise<string> => {
    await mkdir(exportDir, { recursive: true });
    const at = now();
    const files: [string, string[], string[][]][] = [
      ['leerlingen.csv', ['BSN', 'Kwalificatieplichtig'], leerlingen.values().map((l) => [l.bsn, l.kwalificatieplichtig ? 'J' : 'N'])],
      [
        'inschrijvingen.csv',
        ['BSN', 'BRIN', 'Schoolnaam', 'Onderwijssoort', 'Datum inschrijving', 'Datum uitschrijving'],
        inschrijvingen.values().map((i) => [i.bsn, i.brin, i.schoolNaam, i.onderwijssoort, dutchDate(i.ingangsdatum), dutchDate(i.einddatum)]),
      ],
      [
        'verzuimmeldingen.csv',
        ['Meldingnummer', 'BSN', 'Meldingsdatum', 'Verzuimsoort', 'BRIN', 'Schoolnaam', 'Afhandeling'],
        verzuimmeldingen
          .values()
          .map((v) => [v.meldingId, v.bsn, dutchDate(v.datum), VERZUIMSOORT_LABEL[v.soort], v.brin, v.schoolNaam, AFHANDELING_LABEL[v.afhandeling]]),
      ],
      [
        'vrijstellingen.csv',
        ['Vrijstellingnummer', 'BSN', 'Artikel', 'Ingangsdatum', 'Einddatum'],
        vrijstellingen.values().map((v) => [v.vrijstellingId, v.bsn, ARTIKEL_LABEL[v.artikel], dutchDate(v.ingangsdatum), dutchDate(v.einddatum)]),
      ],
    ];

    const tmp = await mkdtemp(join(exportDir, '.tmp-'));
    try {
      const bestanden = [];
      for (const [name, header, rows] of files) {
        const bytes = Buffer.from(toCsv(header, rows), 'utf8');
        await writeFile(join(tmp, name), bytes);
        bestanden.push({ naam: name, rijen: rows.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      }
      const stamp = at.toISOString().replace(/[-:.]/g, ''); // 20250601T080000000Z
      for (let counter = await nextCounter(exportDir, stamp); ; counter++) {
        const exportId = `${stamp}-${String(counter).padStart(4, '0')}`;
        const manifest = {
          formaat: 'las-export',
          versie: 1,
          exportId,
          aangemaaktOp: at.toISOString(),
          gemeenteCode: m.gemeenteCode,
          bestanden,
        };
        // The manifest goes in last: its presence is what marks the folder complete.
        await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
        try {
          await rename(tmp, join(exportDir, exportId));
          return exportId;
        } catch (error) {
          // Another writer took this id first: take the next one.
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
        }
      }
    } catch (error) {
      await rm(tmp, { recursive: true, force: true });
      throw error;
    }
  };

  return {
    exportNow() {
      const run = queue.then(writeExport, writeExport);
      queue = run.catch(() => undefined);
      return run;
    },
    upsertVerzuimmelding: (v) => verzuimmeldingen.upsert(v),
    upsertInschrijving: (i) => inschrijvingen.upsert(i),
    upsertVrijstelling: (v) => vrijstellingen.upsert(v),
    upsertLeerling: (l) => leerlingen.upsert(l),
  };
}

/** Insertion-ordered records by key; an upsert keeps the record's place. */
class Keyed<T> {
  private readonly items = new Map<string, T>();
  constructor(
    private readonly key: (item: T) => string,
    initial: readonly T[],
  ) {
    for (const item of initial) this.upsert(item);
  }
  upsert(item: T): void {
    this.items.set(this.key(item), structuredClone(item));
  }
  values(): T[] {
    return [...this.items.values()];
  }
}

/**
 * Semicolon-separated, header row, UTF-8 with BOM, CRLF line ends — what Dutch back offices export
 * for Excel. Fields with ";", quotes or any line break are quoted; a bare LF must be quoted too,
 * or a reader splitting on line ends would cut the row in two.
 */
function toCsv(header: string[], rows: (string | undefined)[][]): string {
  return stringify(
    rows.map((r) => r.map((cell) => cell ?? '')),
    { header: true, columns: header, delimiter: ';', bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

/** LAS exports write dates as dd-mm-jjjj; empty when unknown or open-ended. */
function dutchDate(iso: string | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}

/** 1 + the highest counter already used for this timestamp in `dir`. */
async function nextCounter(dir: string, stamp: string): Promise<number> {
  let highest = 0;
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${stamp}-`)) highest = Math.max(highest, Number(name.slice(stamp.length + 1)) || 0);
  }
  return highest + 1;
}
