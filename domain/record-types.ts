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

/** Each kind of dossier record: which source sends it, which domain it belongs to, how its key is formed. */
export const RECORD_TYPES = {
  WMO_VOORZIENING: { source: 'GWS', domain: 'WMO', key: (r: WmoVoorzieningRecord) => r.toewijzingNummer },
  JEUGDHULP: { source: 'JEUGD', domain: 'JEUGD', key: (r: JeugdhulpRecord) => r.toewijzingNummer },
  UITKERING: { source: 'GWS', domain: 'WERK_INKOMEN', key: (r: UitkeringRecord) => r.dossierNummer },
  LEERLING: { source: 'LAS', domain: 'LEERPLICHT', key: (r: LeerlingRecord) => r.burgerservicenummer },
  INSCHRIJVING: { source: 'LAS', domain: 'LEERPLICHT', key: (r: InschrijvingRecord) => `${r.burgerservicenummer}:${r.brin}:${r.ingangsdatum ?? ''}` },
  VERZUIMMELDING: { source: 'LAS', domain: 'LEERPLICHT', key: (r: VerzuimmeldingRecord) => r.meldingId },
  VRIJSTELLING: { source: 'LAS', domain: 'LEERPLICHT', key: (r: VrijstellingRecord) => r.vrijstellingId },
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
