/**
 * BRP adapter: a client for the Haal Centraal BRP API Personen v2 and the mapping of its
 * answers to domain records. No GraphQL here; the stand-in lives in `simulator/` and is not
 * exported from this barrel (adapter and stand-in must not share code).
 */
export {
  createBrpClient,
  MAX_BSNS_PER_REQUEST,
  RAADPLEEG_FIELDS,
  ZOEK_ADRES_FIELDS,
  type BrpClient,
  type BrpClientOptions,
} from './client';
export { mapDatum, mapGezagsrelatie, mapPersoon, type GelezenDatum } from './mapping';
export { SourceError, type SourceErrorCode } from './source-error';
