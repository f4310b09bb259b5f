/** The synthetic municipality: generator, showcase households, world types and code lists. */
export { generateMunicipality, DEFAULT_INHABITANTS, DEFAULT_REFERENCE_DATE, DEFAULT_SEED, type GenerateOptions } from './generate';
export { SHOWCASE_AGES, SHOWCASE_BSN, SHOWCASE_BSNS, SHOWCASE_HOUSEHOLDS, type ShowcaseHousehold } from './showcase';
export { TEST_BSN_CAPACITY, testBsns } from './bsn-pool';
export { EENHEID, FREQUENTIE, GEMEENTE_CODE, GEMEENTE_NAAM, JEUGD_PRODUCTS, SHOWCASE_SCHOOLS, WMO_PRODUCTS, WOONPLAATSEN } from './catalog';
export { ageOn } from './dates';
export { summarize, type MunicipalitySummary } from './summary';
export { checkMunicipality, validateMunicipality, WORLD_CHECKS, type WorldCheckName } from './validate';
export type * from './types';
