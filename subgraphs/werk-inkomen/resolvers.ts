import type { UitkeringRecord } from '../../domain/records';
import { bron, shownRecords } from '../common/dossier';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { WerkInkomenLoaders } from './loaders';

export type WerkInkomenContext = SubgraphContext<WerkInkomenLoaders>;

export const resolvers: Resolvers = {
  Persoon: {
    __resolveReference: (ref) => ({ burgerservicenummer: ref.burgerservicenummer }),
    werkEnInkomen: (p, _args, ctx) => ctx.loaders.dossier.load(p.burgerservicenummer),
  },
  WerkEnInkomenDossier: {
    uitkeringen: (d, _args, ctx) => shownRecords<UitkeringRecord>(d, ctx, 'WerkEnInkomenDossier.uitkeringen', { newestBy: 'ingangsdatum' }),
    bron: (d) => bron('GWS', d),
  },
  Uitkering: {
    besluiten: (u) => [...u.besluiten].sort((a, b) => a.datum.localeCompare(b.datum)),
  },
};
