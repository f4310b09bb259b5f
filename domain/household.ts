import { createHash } from 'node:crypto';

/**
 * The id of the household registered at an adresseerbaar object: stable for the address, and
 * opaque, so the API does not hand out BAG identifications as household keys.
 */
export function huishoudenId(adresseerbaarObjectId: string): string {
  return createHash('sha256').update(`huishouden:${adresseerbaarObjectId}`).digest('hex').slice(0, 24);
}
