import type {
  InschrijvingRecord,
  JeugdhulpRecord,
  LeerlingRecord,
  UitkeringRecord,
  VerzuimmeldingRecord,
  VrijstellingRecord,
  WmoVoorzieningRecord,
} from './records';

/** The back offices the hub reads. */
export type SourceSystem = 'BRP' | 'GWS' | 'JEUGD' | 'LAS';

/** Each kind of dossier record: which source sends it and how its key is formed. */
export const RECORD_TYPES = {
  WMO_VOORZIENING: { source: 'GWS', key: (r: WmoVoorzieningRecord) => r.toewijzingNummer },
  JEUGDHULP: { source: 'JEUGD', key: (r: JeugdhulpRecord) => r.toewijzingNummer },
  UITKERING: { source: 'GWS', key: (r: UitkeringRecord) => r.dossierNummer },
  LEERLING: { source: 'LAS', key: (r: LeerlingRecord) => r.burgerservicenummer },
  INSCHRIJVING: { source: 'LAS', key: (r: InschrijvingRecord) => `${r.burgerservicenummer}:${r.brin}:${r.ingangsdatum ?? ''}` },
  VERZUIMMELDING: { source: 'LAS', key: (r: VerzuimmeldingRecord) => r.meldingId },
  VRIJSTELLING: { source: 'LAS', key: (r: VrijstellingRecord) => r.vrijstellingId },
} as const;

export type RecordType = keyof typeof RECORD_TYPES;

export interface RecordOf {
  WMO_VOORZIENING: WmoVoorzieningRecord;
  JEUGDHULP: JeugdhulpRecord;
  UITKERING: UitkeringRecord;
  LEERLING: LeerlingRecord;
  INSCHRIJVING: InschrijvingRecord;
  VERZUIMMELDING: VerzuimmeldingRecord;
  VRIJSTELLING: VrijstellingRecord;
}

export function recordKey<T extends RecordType>(type: T, record: RecordOf[T]): string {
  return (RECORD_TYPES[type].key as (r: RecordOf[T]) => string)(record);
}
