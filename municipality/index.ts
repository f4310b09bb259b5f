/** The synthetic municipality: the generator and the showcase BSNs (other parts import the modules directly). */
export { generateMunicipality } from './generate';
export { SHOWCASE_BSNS } from './showcase';
