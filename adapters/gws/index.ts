/**
 * GWS adapter: StUF 3.01 client and kennisgeving receiver for the GWS back office (Wmo
 * voorzieningen, Participatiewet uitkeringen), mapping to domain records. No GraphQL here.
 * The stand-in lives in ./simulator and is not exported from here.
 */
export { createGwsClient, type GwsAnswer, type GwsLookup, type StufSysteem } from './client';
export { KennisgevingError, foutbericht, ontvangKennisgeving, type Kennisgeving, type Weigering } from './kennisgeving';
