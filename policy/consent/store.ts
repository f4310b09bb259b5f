import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../lib/db';
import type { ConsentDomain } from '../types';
import { inForce } from './in-force';

/** A consent as the register holds it and the API shows it. */
export interface ToestemmingRow {
  id: string;
  /** The data subject, under the name the policy layer looks for. */
  burgerservicenummer: string;
  betrokkene: string;
  gegevenDoor: string;
  /** Code of the organisation in the register that may receive. */
  ontvanger: string;
  domeinen: ConsentDomain[];
  doel: 'INTEGRALE_AANPAK';
  geldigVanaf: string;
  geldigTot: string | null;
  geregistreerdOp: string;
  ingetrokkenOp: string | null;
  /** How it was obtained; null only for consents registered before the register asked. */
  bewijs: ToestemmingBewijs | null;
}

/** How a consent was obtained, and who registered it. */
export interface ToestemmingBewijs {
  kanaal: 'FORMULIER' | 'DOCUMENT' | 'DIGITAAL';
  /** Reference of the signed form or document in the case or document system. */
  referentie: string;
  ondertekendOp: string;
  geregistreerdDoor: string;
}

interface DbRow {
  id: string;
  betrokkene: string;
  gegeven_door: string;
  ontvanger: string;
  domeinen: ConsentDomain[];
  doel: 'INTEGRALE_AANPAK';
  geldig_vanaf: string;
  geldig_tot: string | null;
  geregistreerd_op: string;
  geregistreerd_door: string;
  ingetrokken_op: string | null;
  bewijs_kanaal: ToestemmingBewijs['kanaal'] | null;
  bewijs_referentie: string | null;
  bewijs_ondertekend_op: string | null;
}

const COLUMNS =
  'id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geldig_tot, geregistreerd_op, geregistreerd_door, ingetrokken_op, bewijs_kanaal, bewijs_referentie, bewijs_ondertekend_op';

function toRow(r: DbRow): ToestemmingRow {
  return {
    id: r.id,
    burgerservicenummer: r.betrokkene,
    betrokkene: r.betrokkene,
    gegevenDoor: r.gegeven_door,
    ontvanger: r.ontvanger,
    domeinen: r.domeinen,
    doel: r.doel,
    geldigVanaf: r.geldig_vanaf,
    geldigTot: r.geldig_tot,
    geregistreerdOp: r.geregistreerd_op,
    ingetrokkenOp: r.ingetrokken_op,
    bewijs:
      r.bewijs_kanaal && r.bewijs_referentie && r.bewijs_ondertekend_op
        ? { kanaal: r.bewijs_kanaal, referentie: r.bewijs_referentie, ondertekendOp: r.bewijs_ondertekend_op, geregistreerdDoor: r.geregistreerd_door }
        : null,
  };
}

export type NewToestemming = Omit<ToestemmingRow, 'id' | 'burgerservicenummer' | 'geregistreerdOp' | 'ingetrokkenOp' | 'bewijs'> & { bewijs: Omit<ToestemmingBewijs, 'geregistreerdDoor'> };

/** A consent lookup: may organisation `ontvanger` receive `subject`'s data for `doel`? */
export interface ConsentQuery {
  subject: string;
  ontvanger: string;
  doel: string;
}

/**
 * The consent register in Postgres (table toestemming, policy/consent/migrations): registrations
 * and revocations, never deletions. Every statement on the register is here.
 */
export class ConsentStore {
  constructor(private readonly db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }) {}

  async register(t: NewToestemming, door: string, at: Date): Promise<ToestemmingRow> {
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<DbRow>(
        `INSERT INTO toestemming (id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geldig_tot, geregistreerd_op, geregistreerd_door,
                                  bewijs_kanaal, bewijs_referentie, bewijs_ondertekend_op)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
        [id, t.betrokkene, t.gegevenDoor, t.ontvanger, t.domeinen, t.doel, t.geldigVanaf, t.geldigTot, at.toISOString(), door, t.bewijs.kanaal, t.bewijs.referentie, t.bewijs.ondertekendOp],
      );
      await tx.query("INSERT INTO toestemming_gebeurtenis (toestemming, soort, tijdstip, door) VALUES ($1, 'GEREGISTREERD', $2, $3)", [id, at.toISOString(), door]);
      return toRow(row);
    });
  }

  /** Revokes; a second revocation changes nothing and keeps the first moment. */
  async revoke(id: string, door: string, at: Date): Promise<ToestemmingRow | null> {
    return this.db.transaction(async (tx) => {
      const [updated] = await tx.query<DbRow>(
        `UPDATE toestemming SET ingetrokken_op = $2, ingetrokken_door = $3 WHERE id = $1 AND ingetrokken_op IS NULL RETURNING ${COLUMNS}`,
        [id, at.toISOString(), door],
      );
      if (updated) {
        await tx.query("INSERT INTO toestemming_gebeurtenis (toestemming, soort, tijdstip, door) VALUES ($1, 'INGETROKKEN', $2, $3)", [id, at.toISOString(), door]);
        return toRow(updated);
      }
      const [existing] = await tx.query<DbRow>(`SELECT ${COLUMNS} FROM toestemming WHERE id = $1`, [id]);
      return existing ? toRow(existing) : null;
    });
  }

  async get(id: string): Promise<ToestemmingRow | null> {
    const [row] = await this.db.query<DbRow>(`SELECT ${COLUMNS} FROM toestemming WHERE id = $1`, [id]);
    return row ? toRow(row) : null;
  }

  async forSubject(bsn: string): Promise<ToestemmingRow[]> {
    return (await this.db.query<DbRow>(`SELECT ${COLUMNS} FROM toestemming WHERE betrokkene = $1 ORDER BY geregistreerd_op DESC`, [bsn])).map(toRow);
  }

  /**
   * Per query, the domains that consents in force on `today` open to that recipient: one query
   * for the whole batch, the "in force" rule applied in one place (in-force.ts).
   */
  async domainsInForce(queries: readonly ConsentQuery[], today: string): Promise<Array<Set<ConsentDomain>>> {
    const rows = await this.db.query<{ i: number; domeinen: ConsentDomain[]; geldig_vanaf: string; geldig_tot: string | null; ingetrokken_op: string | null }>(
      `SELECT q.i, t.domeinen, t.geldig_vanaf, t.geldig_tot, t.ingetrokken_op
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(subject, org, doel, i)
         JOIN toestemming t ON t.betrokkene = q.subject AND t.ontvanger = q.org AND t.doel = q.doel`,
      [queries.map((q) => q.subject), queries.map((q) => q.ontvanger), queries.map((q) => q.doel)],
    );
    const out = queries.map(() => new Set<ConsentDomain>());
    for (const r of rows) {
      if (!inForce({ geldigVanaf: r.geldig_vanaf, geldigTot: r.geldig_tot, ingetrokkenOp: r.ingetrokken_op }, today)) continue;
      for (const d of r.domeinen) out[Number(r.i) - 1].add(d);
    }
    return out;
  }

  /** Refreshes the planner's statistics after bulk registrations. */
  async analyze(): Promise<void> {
    await this.db.query('ANALYZE toestemming');
  }
}
