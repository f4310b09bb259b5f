import type { InschrijvingRecord, LeerlingRecord, VerzuimmeldingRecord, VrijstellingRecord } from '../../domain/records';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { LeerplichtDossierRows, LeerplichtLoaders } from './loaders';

export type LeerplichtContext = SubgraphContext<LeerplichtLoaders>;

function ofType<T>(d: LeerplichtDossierRows, type: string): T[] {
  return d.records.filter((r) => r.recordType === type) as unknown as T[];
}

function newestFirst<T>(key: keyof T) {
  return (a: T, b: T) => String(b[key] ?? '').localeCompare(String(a[key] ?? ''));
}

export const resolvers: Resolvers = {
  Persoon: {
    __resolveReference: (ref) => ({ burgerservicenummer: ref.burgerservicenummer }),
    leerplicht: (p, _args, ctx) => ctx.loaders.dossier.load(p.burgerservicenummer),
  },
  LeerplichtDossier: {
    kwalificatieplichtig: (d) => ofType<LeerlingRecord>(d, 'LEERLING')[0]?.kwalificatieplichtig ?? null,
    inschrijvingen: (d) => ofType<InschrijvingRecord>(d, 'INSCHRIJVING').sort(newestFirst<InschrijvingRecord>('ingangsdatum')),
    verzuimmeldingen: (d) => ofType<VerzuimmeldingRecord>(d, 'VERZUIMMELDING').sort(newestFirst<VerzuimmeldingRecord>('datum')),
    vrijstellingen: (d) => ofType<VrijstellingRecord>(d, 'VRIJSTELLING').sort(newestFirst<VrijstellingRecord>('ingangsdatum')),
    bron: (d) => ({ systeem: 'LAS', gesynchroniseerdOp: d.gesynchroniseerdOp }),
  },
  Inschrijving: { school: (i) => i.schoolNaam },
  Verzuimmelding: { school: (v) => v.schoolNaam },
};
