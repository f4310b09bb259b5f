/**
 * The one error the BRP adapter throws for anything the BRP did or failed to do.
 *
 * Messages say what was expected and what came, in terms of HTTP statuses, JSON paths and value
 * kinds, and never carry personal data: no BSNs, names or values from a response, because these
 * messages end up in logs and in GraphQL errors.
 */
type SourceErrorCode =
  /** The BRP could not be reached or did not answer in time, is down, or refuses us (401/403/429). */
  | 'SOURCE_UNAVAILABLE'
  /** The BRP answered, but not as the spec says (or rejected our request as malformed). */
  | 'SOURCE_PROTOCOL_ERROR';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly source = 'BRP' as const;
  readonly code: SourceErrorCode;
  /** HTTP status of the answer that caused the error, when there was one. */
  readonly status: number | undefined;

  constructor(code: SourceErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}
