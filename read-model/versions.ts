/**
 * What a read-model row's `version` is, per source: a text that sorts (bytewise) in the order the
 * source's states happened, so that one comparison in SQL orders every write of a record type.
 * Only versions of the same source are ever compared (a record type has one source), so each
 * source's versions need only agree with themselves: a source's clock may differ from ours.
 *
 * - GWS: `tg` and the moment GWS says it gave the La01 answer the record was read from (its
 *   stuurgegevens/tijdstipBericht, made an ISO instant in UTC by the adapter). GWS's La01 carries
 *   no mutation time per object, and a kennisgeving is only a signal (the job reads the record
 *   again), so the answer's own time is the moment GWS stated that state. It is GWS's clock, not
 *   ours: a full-sync page GWS answered before a kennisgeving's re-read is older than it, however
 *   late the hub writes it or whatever our clock said. A tie (two answers in one millisecond, or
 *   in one second from a GWS that states whole seconds) goes to the single-record re-read over the
 *   full-sync page (suffix `b` over `a`): a re-read follows a change GWS announced, and every later
 *   change brings a re-read of its own, so the re-read is never the older state; between two of
 *   the same kind the later write wins.
 *   Before, GWS rows carried `t` and the hub's receipt time. `tg…` sorts after every `t<digit>…`,
 *   so the first GWS-stated version of a record replaces its receipt-time version, and an old
 *   tombstone stops no GWS-stated write, whatever the two clocks say. That is right: every answer
 *   GWS timed came after every answer the hub timed, the format having changed with a release of
 *   the sync, so no migration of stored versions is needed. (Old and new sync workers running side
 *   by side in a rolling upgrade can misorder a write in between; the next full sync settles it.)
 * - JEUGD: the feed position, as the ordinal of the last message the state was folded from
 *   (the feed's own cursor is opaque and not for ordering), zero-padded.
 * - LAS: the export id (exports are named by their creation time, so they sort).
 * - BRP: `t` and the retrieval time (ISO, UTC, by our clock).
 */
export const versionOf = {
  gws: (tijdstipBericht: string, via: 'page' | 'record') => `tg${tijdstipBericht}${via === 'record' ? 'b' : 'a'}`,
  jeugd: (messageOrdinal: number) => `p${String(messageOrdinal).padStart(16, '0')}`,
  las: (exportId: string) => `e${exportId}`,
  brp: (retrievedAt: string) => `t${retrievedAt}`,
};
