/**
 * The one error the GWS adapter throws for anything the back office did or did not do.
 *
 * Messages say what was expected and what came, in terms of the protocol (element names,
 * berichtcodes, StUF foutcodes, HTTP status, sizes) — never values from the payload, so a BSN,
 * a name or a piece of the XML cannot end up in a log through this error.
 */
type SourceErrorCode = 'SOURCE_UNAVAILABLE' | 'SOURCE_PROTOCOL_ERROR';

export class SourceError extends Error {
  /** `SOURCE_UNAVAILABLE`: down, slow or failing (worth retrying later). `SOURCE_PROTOCOL_ERROR`: the exchange itself is wrong. */
  readonly code: SourceErrorCode;
  readonly source = 'GWS' as const;
  /** The StUF foutcode of a Fo01/Fo02 involved, when there was one (a code such as StUF055, never free text). */
  readonly stufFoutcode: string | undefined;

  constructor(code: SourceErrorCode, message: string, options: { stufFoutcode?: string; cause?: unknown } = {}) {
    super(`GWS: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SourceError';
    this.code = code;
    this.stufFoutcode = options.stufFoutcode;
  }
}

/** For messages: a value only ever shown as its size, so no payload content leaks. */
export function sizeOf(value: string): string {
  return value === '' ? 'an empty value' : `a value of ${value.length} character${value.length === 1 ? '' : 's'}`;
}

/**
 * For messages: echo a protocol code only when it is one we know (berichtcodes, entity types,
 * mutatiesoorten); anything else is described by its size. An allow-list rather than a pattern,
 * because a short name fits any "looks like a code" pattern.
 */
export function describeCode(value: string | undefined, known: readonly string[]): string {
  if (value === undefined) return 'nothing';
  return known.includes(value) ? value : `an unknown code (${sizeOf(value)})`;
}
