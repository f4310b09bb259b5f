/**
 * What a read-model row's `version` is, per source: a text that sorts (bytewise) in the order the
 * source's states happened, so that one comparison in SQL orders every write of a record type.
 * Only versions of the same source are ever compared (a record type has one source).
 *
 * - GWS: when the hub received the La01 answer it read the record from (ISO, UTC). GWS's La01
 *   carries no mutation time per object, and the kennisgeving is only a signal (the job re-reads
 *   the record), so the moment GWS stated a state is the answer's. The hub's receipt time is used
 *   rather than the answer's tijdstipBericht because the GWS port hands records only; both order
 *   a full-sync page read before a re-read the same way.
 * - JEUGD: the feed position, as the ordinal of the last message the state was folded from
 *   (the feed's own cursor is opaque and not for ordering), zero-padded.
 * - LAS: the export id (exports are named by their creation time, so they sort).
 * - BRP: the retrieval time (ISO, UTC).
 */
export const versionOf = {
  gws: (receivedAt: string) => `t${receivedAt}`,
  jeugd: (messageOrdinal: number) => `p${String(messageOrdinal).padStart(16, '0')}`,
  las: (exportId: string) => `e${exportId}`,
  brp: (retrievedAt: string) => `t${retrievedAt}`,
};
