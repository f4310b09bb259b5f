/**
 * A LAS export that does not match the agreed format: a missing or tampered file, a wrong header,
 * a cell that is not what its column promises.
 *
 * The message names the file, line, column and what was expected — never the cell's value: LAS
 * cells hold BSNs and school careers, and import errors end up in logs and job dashboards.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code = 'SOURCE_PROTOCOL_ERROR' as const;
  readonly source = 'LAS' as const;

  constructor(
    /** File inside the export, e.g. `verzuimmeldingen.csv` or `manifest.json`. */
    readonly file: string,
    /** 1-based physical line (the header is line 1); null when the problem is not tied to a line. */
    readonly line: number | null,
    /** Column name from the header; null when the problem is not tied to a column. */
    readonly column: string | null,
    /** What was expected, e.g. "a date dd-mm-jjjj". */
    readonly expected: string,
  ) {
    super(`${file}${line === null ? '' : ` line ${line}`}${column === null ? '' : `, column ${column}`}: expected ${expected}`);
  }
}
