import type { InschrijvingRecord, LeerlingRecord, VerzuimmeldingRecord, VrijstellingRecord } from '../../domain/records';
import { bron, persoonMetDossier, shownRecords } from '../common/dossier';
import type { Resolvers } from './generated/resolvers-types';

export const resolvers: Resolvers = {
  Persoon: persoonMetDossier('leerplicht'),
  LeerplichtDossier: {
    kwalificatieplichtig: async (d, _args, ctx) =>
      (await shownRecords<LeerlingRecord>(d, ctx, 'LeerplichtDossier.kwalificatieplichtig', { type: 'LEERLING', newestBy: 'burgerservicenummer' }))[0]?.kwalificatieplichtig ?? null,
    inschrijvingen: (d, _args, ctx) => shownRecords<InschrijvingRecord>(d, ctx, 'LeerplichtDossier.inschrijvingen', { type: 'INSCHRIJVING', newestBy: 'ingangsdatum' }),
    verzuimmeldingen: (d, _args, ctx) => shownRecords<VerzuimmeldingRecord>(d, ctx, 'LeerplichtDossier.verzuimmeldingen', { type: 'VERZUIMMELDING', newestBy: 'datum' }),
    vrijstellingen: (d, _args, ctx) => shownRecords<VrijstellingRecord>(d, ctx, 'LeerplichtDossier.vrijstellingen', { type: 'VRIJSTELLING', newestBy: 'ingangsdatum' }),
    bron: (d) => bron('LAS', d),
  },
  Inschrijving: { school: (i) => i.schoolNaam },
  Verzuimmelding: { school: (v) => v.schoolNaam },
};
