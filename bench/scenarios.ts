import type { Db } from '../lib/db';

/**
 * What the bench asks, and of whom. S1 is the household dossier a regisseur of the sociaal team
 * opens (all four domains, with the household's consent); S2 one domain for one person as its
 * consulent; S3 the S1 query over households of 1, 4, 12 and 50 members.
 */

const WMO_FIELDS = 'voorzieningen { toewijzingNummer productCategorie productCode omschrijving ingangsdatum einddatum leveringsvorm omvang { volume eenheid frequentie } } bron { systeem gesynchroniseerdOp }';
const JEUGD_FIELDS = 'jeugdhulp { toewijzingNummer productCategorie productCode omschrijving verwijzer ingangsdatum einddatum startZorg stopZorg } bron { systeem gesynchroniseerdOp }';
const WI_FIELDS = 'uitkeringen { dossierNummer soort omschrijving ingangsdatum einddatum besluiten { soort datum } } bron { systeem gesynchroniseerdOp }';
const LP_FIELDS =
  'kwalificatieplichtig inschrijvingen { brin school onderwijssoort ingangsdatum einddatum } verzuimmeldingen { meldingId datum soort school afhandeling } vrijstellingen { vrijstellingId artikel ingangsdatum einddatum } bron { systeem gesynchroniseerdOp }';

/** The domain fields on Persoon, by the subgraph that owns them. */
const DOMAIN_SELECTIONS = {
  wmo: `wmo { ${WMO_FIELDS} }`,
  jeugd: `jeugd { ${JEUGD_FIELDS} }`,
  'werk-inkomen': `werkEnInkomen { ${WI_FIELDS} }`,
  leerplicht: `leerplicht { ${LP_FIELDS} }`,
} as const;
export type DomainSubgraph = keyof typeof DOMAIN_SELECTIONS;
export const DOMAIN_SUBGRAPHS = Object.keys(DOMAIN_SELECTIONS) as DomainSubgraph[];

export const S1_QUERY = `query Huishoudendossier($bsn: String!) {
  huishouden(burgerservicenummer: $bsn) {
    id
    adres { straat huisnummer huisletter huisnummertoevoeging postcode woonplaats }
    domeinen
    tijdlijn(eerste: 20) { datum domein bron soort omschrijving betrokkene { burgerservicenummer } }
    leden {
      burgerservicenummer
      naam { volledigeNaam }
      geboortedatum
      ${Object.values(DOMAIN_SELECTIONS).join('\n      ')}
    }
  }
}`;

export const S2_QUERY = `query WmoDossier($bsn: String!) {
  persoon(burgerservicenummer: $bsn) {
    burgerservicenummer
    naam { volledigeNaam }
    geboortedatum
    ${DOMAIN_SELECTIONS.wmo}
  }
}`;

/** The soak's privacy officer: one person's inzage report (AVG art. 15), as the console opens it. */
export const INZAGE_QUERY = `query Inzage($bsn: String!) {
  inzageRapport(burgerservicenummer: $bsn) {
    betrokkene
    verstrekkingen { tijdstip organisatie rollen doel }
    samenvatting { organisatie doel aantal }
  }
}`;

/** D: what the gateway asks a domain subgraph for, asked of it directly. */
function entitiesQuery(subgraph: DomainSubgraph): string {
  return `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { ${DOMAIN_SELECTIONS[subgraph]} } } }`;
}

export function entitiesBody(subgraph: DomainSubgraph, bsns: readonly string[]): string {
  return JSON.stringify({ query: entitiesQuery(subgraph), variables: { representations: bsns.map((b) => ({ __typename: 'Persoon', burgerservicenummer: b })) } });
}

export function gatewayBody(query: string, bsn: string): string {
  return JSON.stringify({ query, variables: { bsn } });
}

export interface Household {
  id: string;
  leden: string[];
}

/**
 * S1's households: every household of 4–6 members the hub knows, in a fixed shuffled order, so
 * consecutive requests hit different households and different rows.
 */
export async function s1Households(db: Db, limit: number): Promise<Household[]> {
  return db.query<Household>(
    `SELECT huishouden_id AS id, array_agg(bsn ORDER BY bsn) AS leden
       FROM brp_persoon WHERE huishouden_id IS NOT NULL
      GROUP BY huishouden_id HAVING count(*) BETWEEN 4 AND 6
      ORDER BY md5(huishouden_id) LIMIT $1`,
    [limit],
  );
}

/** S2's persons: everyone with a Wmo voorziening in the read model, shuffled the same way. */
export async function s2Persons(db: Db, limit: number): Promise<string[]> {
  const rows = await db.query<{ bsn: string }>(
    `SELECT DISTINCT d.bsn FROM dossier_record d JOIN brp_persoon p ON p.bsn = d.bsn
      WHERE d.record_type = 'WMO_VOORZIENING' ORDER BY 1 LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.bsn).sort((a, b) => hash(a) - hash(b));
}

/** A household of exactly `size` members with at least one dossier subject (S3 sizes 1 and 4). */
export async function householdOfSize(db: Db, size: number): Promise<Household | null> {
  const rows = await db.query<Household>(
    `SELECT p.huishouden_id AS id, array_agg(p.bsn ORDER BY p.bsn) AS leden
       FROM brp_persoon p WHERE p.huishouden_id IS NOT NULL
      GROUP BY p.huishouden_id
     HAVING count(*) = $1 AND bool_or(EXISTS (SELECT 1 FROM dossier_record d WHERE d.bsn = p.bsn))
      ORDER BY md5(p.huishouden_id) LIMIT 1`,
    [size],
  );
  return rows[0] ?? null;
}

/** The household the read model has for a person (S3 sizes 12 and 50, built in the world). */
export async function householdOf(db: Db, bsn: string): Promise<Household | null> {
  const rows = await db.query<Household>(
    `SELECT huishouden_id AS id, array_agg(bsn ORDER BY bsn) AS leden FROM brp_persoon
      WHERE huishouden_id = (SELECT huishouden_id FROM brp_persoon WHERE bsn = $1) GROUP BY huishouden_id`,
    [bsn],
  );
  return rows[0] ?? null;
}

/**
 * Consent of each person for the municipality's own sociaal team (a regisseur's token names no
 * org, so the organisation is `gemeente`), for all four domains, for INTEGRALE_AANPAK — as
 * `registreerToestemming` would store it, written directly because thousands are needed.
 */
export async function seedConsents(db: Db, bsns: readonly string[]): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO toestemming (id, betrokkene, gegeven_door, ontvanger, domeinen, doel, geldig_vanaf, geldig_tot, geregistreerd_op, geregistreerd_door)
       SELECT gen_random_uuid(), b, b, 'gemeente', ARRAY['WMO','JEUGD','WERK_INKOMEN','LEERPLICHT'], 'INTEGRALE_AANPAK', current_date - 30, NULL, now(), 'bench'
         FROM unnest($1::text[]) AS b RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [[...new Set(bsns)]],
  );
  return rows[0].n;
}

/** Read-model size after the full sync: the records the sync wrote. */
export async function readModelCounts(db: Db): Promise<{ persons: number; dossierRecords: number }> {
  const [r] = await db.query<{ persons: number; dossier: number }>('SELECT (SELECT count(*) FROM brp_persoon)::int AS persons, (SELECT count(*) FROM dossier_record)::int AS dossier');
  return { persons: r.persons, dossierRecords: r.dossier };
}

/** Tables that look like an audit log (the hub's are audit_record and audit_kop), if the schema has any. */
export async function auditTables(db: Db, schema: string): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name ~* '(audit|logboek|verwerking)' ORDER BY 1`,
    [schema],
  );
  return rows.map((r) => r.table_name);
}

export async function rowCount(db: Db, table: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table.replace(/"/g, '')}"`);
  return r.n;
}

/** A cheap deterministic spread (FNV-1a), so orders do not depend on BSN order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Cycles through `items` forever; each call gives the next. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle through');
  let i = 0;
  return () => items[i++ % items.length];
}

/**
 * Whether Postgres keeps statistics of the read models by itself: autovacuum's setting, and the
 * tables of the schema that have never been analysed. Without statistics the planner guesses,
 * and a guess can turn an index lookup into a scan of the whole table on every request.
 */
export async function planStatistics(db: Db, schema: string): Promise<{ autovacuum: string; unanalysed: string[] }> {
  const [{ autovacuum }] = await db.query<{ autovacuum: string }>('SELECT current_setting($1) AS autovacuum', ['autovacuum']);
  const rows = await db.query<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables WHERE schemaname = $1 AND last_analyze IS NULL AND last_autoanalyze IS NULL
        AND relname IN ('brp_persoon', 'dossier_record', 'toestemming') ORDER BY 1`,
    [schema],
  );
  return { autovacuum, unanalysed: rows.map((r) => r.relname) };
}
