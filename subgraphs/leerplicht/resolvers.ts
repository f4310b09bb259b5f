import type { InschrijvingRecord, LeerlingRecord, VerzuimmeldingRecord, VrijstellingRecord } from '../../domain/records';
import { bron, shownRecords } from '../common/dossier';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { LeerplichtLoaders } from './loaders';

export type LeerplichtContext = SubgraphContext<LeerplichtLoaders>;

export const resolvers: Resolvers = {
  Persoon: {
    __resolveReference: (ref) => ({ burgerservicenummer: ref.burgerservicenummer }),
    leerplicht: (p, _args, ctx) => ctx.loaders.dossier.load(p.burgerservicenummer),
  },
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
