/**
 * Consent in one place: the register (ConsentStore, table toestemming), what a consent covers
 * and whether it is in force (in-force.ts), and who may give it (givers.ts).
 */
export { consentCovers, consentStatus, inForce, type ConsentStatus, type ConsentTerm } from './in-force';
export { CONSENT_AGE, isUnder, validateToestemming, type ToestemmingInputShape } from './givers';
export { ConsentStore, type ConsentQuery, type NewToestemming, type ToestemmingRow } from './store';
