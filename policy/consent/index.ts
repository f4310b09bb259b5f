/**
 * Consent in one place: the register (ConsentStore, table toestemming), what a consent covers
 * and whether it is in force (in-force.ts), and who may give it (givers.ts).
 */
export { consentStatus } from './in-force';
export { validateToestemming } from './givers';
export { ConsentStore, type ToestemmingRow } from './store';
