/** Codes a Jeugd source failure can carry; they match the hub's `extensions.code` vocabulary. */
type SourceErrorCode = 'SOURCE_UNAVAILABLE' | 'SOURCE_PROTOCOL_ERROR';

/**
 * The Jeugd/CJG feed could not be read (`SOURCE_UNAVAILABLE`: down, timed out, circuit open) or
 * answered something that is not the agreed feed (`SOURCE_PROTOCOL_ERROR`).
 *
 * Messages name what was expected and what came, never a value from a message: the feed carries
 * BSNs, names and addresses, and errors end up in logs.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly source = 'JEUGD' as const;

  constructor(
    readonly code: SourceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
