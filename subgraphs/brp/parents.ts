import type { AdresRecord } from '../../domain/records';

/** What `Query.huishouden` hands its fields: the household and the person it was asked for. */
export interface HuishoudenParent {
  id: string;
  /** The data subject of the request: household fields are checked against this person. */
  burgerservicenummer: string;
  adres: AdresRecord;
  /** Whether the hub's copy holds that person's whole household. */
  householdInCopy: boolean;
}
