/**
 * GWS adapter: StUF 3.01 client and kennisgeving receiver for the GWS back office (Wmo
 * voorzieningen, Participatiewet uitkeringen), mapping to domain records. No GraphQL here.
 * The stand-in lives in ./simulator and is not exported from here.
 */
export { createGwsClient, type GwsClient, type GwsClientOptions, type ScanOptions, type StufSysteem } from './client';
export {
  KennisgevingError,
  bevestiging,
  foutbericht,
  foutVoor,
  ontvangKennisgeving,
  parseKennisgeving,
  type AnswerOptions,
  type Fout,
  type Kennisgeving,
  type KennisgevingReceiverOptions,
  type Mutatiesoort,
} from './kennisgeving';
export { SourceError, type SourceErrorCode } from './source-error';
