/**
 * LAS adapter: finds complete leerplicht exports in a folder and reads one into domain records
 * (`LeerlingRecord`, `InschrijvingRecord`, `VerzuimmeldingRecord`, `VrijstellingRecord`).
 * No GraphQL, no storage. A full export is a snapshot: the sync replaces the LAS read model with
 * the newest complete export it has not read yet.
 *
 * ```ts
 * const ids = await listExports(dir);
 * const latest = ids.at(-1);
 * if (latest && latest !== lastReadId) replaceReadModel(await readExport(dir, latest));
 * ```
 * See README.md in this folder for the file formats.
 */
export { listExports, readExport, type LasExport } from './reader';
