import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/db';
import { isValidBsn } from '../../lib/bsn';
import { badUserInput, invalidBsn } from '../../lib/errors';
import { authorize, requireBasis } from '../../policy/directive';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';

export interface RetentieLoaders {
  db: Db;
}

export type RetentieContext = SubgraphContext<RetentieLoaders>;

// Wmo 2015 and Jeugdwet: carried out within three months of receipt.
const REQUEST_TERM_MONTHS = 3;

export const resolvers: Resolvers = {
  Query: {
    bewaartermijnRapport: (_root, _args, ctx) => {
      requireBasis(ctx, 'AUDIT', 'LOG');
      return {};
    },
  },
  BewaartermijnRapport: {
    vernietigingen: async (_r, { eerste }, ctx) =>
      ctx.loaders.db.query(
        `SELECT tijdstip, record_type AS "recordType", categorie, bron, regel, reden, aantal FROM vernietiging ORDER BY tijdstip DESC, id DESC LIMIT $1`,
        [Math.max(0, Math.min(eerste ?? 100, 1000))],
      ),
    achterstand: async (_r, _args, ctx) =>
      ctx.loaders.db.query(
        `SELECT bron, record_type AS "recordType", categorie, reden, aantal, oudste_archiefactiedatum AS "oudsteArchiefactiedatum", waargenomen_op AS "waargenomenOp"
           FROM bewaartermijn_achterstand ORDER BY bron, categorie, record_type, reden`,
      ),
    openstaandeVerzoeken: async (_r, _args, ctx) => (await ctx.loaders.db.query<{ n: number }>('SELECT count(*)::int AS n FROM vernietigingsverzoek WHERE uitgevoerd_op IS NULL'))[0].n,
  },
  Mutation: {
    async registreerVernietigingsverzoek(_root, { input }, ctx) {
      if (!isValidBsn(input.betrokkene)) throw invalidBsn('betrokkene');
      if (input.domein !== 'WMO' && input.domein !== 'JEUGD') throw badUserInput('domein must be WMO or JEUGD: only there does the law give this right');
      // The desk that holds the file takes the request: its consulent on the statutory task.
      await authorize(ctx, input.betrokkene, input.domein, 'DOSSIER', 'Mutation.registreerVernietigingsverzoek');
      const now = new Date();
      const uiterlijk = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + REQUEST_TERM_MONTHS, now.getUTCDate())).toISOString().slice(0, 10);
      const [row] = await ctx.loaders.db.query<{ id: string; domein: string; ontvangenOp: string; uiterlijk: string; uitgevoerdOp: string | null }>(
        `INSERT INTO vernietigingsverzoek (id, betrokkene, domein, ontvangen_op, uiterlijk, geregistreerd_door) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, domein, ontvangen_op AS "ontvangenOp", uiterlijk, uitgevoerd_op AS "uitgevoerdOp"`,
        [randomUUID(), input.betrokkene, input.domein, now.toISOString(), uiterlijk, ctx.request.actor.sub],
      );
      return row;
    },
  },
};
