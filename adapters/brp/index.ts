/**
 * BRP adapter: a client for the Haal Centraal BRP API Personen v2 and the mapping of its
 * answers to domain records. No GraphQL here; the stand-in lives in `simulator/` and is not
 * exported from this barrel (adapter and stand-in must not share code).
 */
export { createBrpClient, RAADPLEEG_FIELDS, type BrpClientOptions } from './client';
export { SourceError } from './source-error';
