/**
 * Jeugd/CJG adapter: reads the iJw message feed (JW301 toewijzing, JW305 start zorg, JW307 stop
 * zorg) by cursor and folds the messages into `JeugdhulpRecord`s. No GraphQL, no storage: the
 * sync job owns the cursor, the applied message ids and the pending reports between runs.
 *
 * Typical sync step:
 * ```ts
 * const page = await client.lees(cursor, 100);
 * const result = foldBerichten(readModel, page.berichten, { alreadyApplied, pending });
 * // in one transaction: upsert result.changed, store page.volgende, result.applied, result.pending
 * ```
 * See README.md in this folder for the wire formats.
 */
export { createJeugdFeedClient, type JeugdFeedPage } from './client';
export { foldBerichten, type PendingEvent } from './fold';
