import type { UitkeringRecord, WmoVoorzieningRecord } from '../../domain/records';
import type { Queryable } from '../../lib/db';
import type { Uitkering, WmoVoorziening } from '../../municipality/types';
import { recordsOfType } from '../../read-model/dossier';
import { RetentionEngine } from '../../retention';

/**
 * The hub's copy of GWS against what GWS holds now, record by record. It is the measure every
 * fault test ends with: whatever was killed or cut, the read model must come back to exactly the
 * source.
 *
 * - `missing`: GWS holds it within its archive term, the read model does not.
 * - `extra`: the read model holds it and GWS does not, or GWS does but past its archive term
 *   (the hub may never keep that).
 * - `older`: both hold it, with different content: the copy is not what GWS says now.
 *
 * Keys are `WVZ <toewijzingNummer>` and `UIT <dossierNummer>`, sorted.
 */
export interface GwsComparison {
  missing: string[];
  extra: string[];
  older: string[];
}

/** What the GWS stand-in holds; its `snapshot()`. */
export interface GwsHolding {
  snapshot(): { wmo: WmoVoorziening[]; uitkeringen: Uitkering[] };
}

const retention = new RetentionEngine();

export async function compareWithGws(db: Queryable, gws: GwsHolding, options: { today?: string } = {}): Promise<GwsComparison> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const truth = gws.snapshot();
  const want = new Map<string, unknown>();
  const pastTerm = new Set<string>();
  // Neither record type's term depends on the person (it runs from the end of the voorziening or
  // the uitkering), so the engine needs no birth date to say what sync may not copy.
  for (const v of truth.wmo) {
    const record = wmoAsSynced(v);
    if (retention.isExpired('WMO_VOORZIENING', record, null, today)) pastTerm.add(`WVZ ${v.toewijzingNummer}`);
    else want.set(`WVZ ${v.toewijzingNummer}`, record);
  }
  for (const u of truth.uitkeringen) {
    const record = uitkeringAsSynced(u);
    if (retention.isExpired('UITKERING', record, null, today)) pastTerm.add(`UIT ${u.dossierNummer}`);
    else want.set(`UIT ${u.dossierNummer}`, record);
  }

  const have = new Map<string, unknown>();
  for (const r of await recordsOfType(db, 'WMO_VOORZIENING')) have.set(`WVZ ${(r.record as WmoVoorzieningRecord).toewijzingNummer}`, r.record);
  for (const r of await recordsOfType(db, 'UITKERING')) have.set(`UIT ${(r.record as UitkeringRecord).dossierNummer}`, r.record);

  const missing: string[] = [];
  const extra: string[] = [];
  const older: string[] = [];
  for (const [key, record] of want) {
    if (!have.has(key)) missing.push(key);
    else if (canonical(have.get(key)) !== canonical(record)) older.push(key);
  }
  for (const key of have.keys()) if (!want.has(key)) extra.push(key);
  return { missing: missing.sort(), extra: extra.sort(), older: older.sort() };
}

/** Keys GWS holds past their archive term: what the read model must leave out. */
export function gwsPastTerm(gws: GwsHolding, options: { today?: string } = {}): string[] {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const truth = gws.snapshot();
  return [
    ...truth.wmo.filter((v) => retention.isExpired('WMO_VOORZIENING', wmoAsSynced(v), null, today)).map((v) => `WVZ ${v.toewijzingNummer}`),
    ...truth.uitkeringen.filter((u) => retention.isExpired('UITKERING', uitkeringAsSynced(u), null, today)).map((u) => `UIT ${u.dossierNummer}`),
  ].sort();
}

/**
 * A stand-in voorziening as the adapter hands it to sync, written here independently of both: the
 * stand-in writes an absent or empty value as StUF "no value", which the adapter reads as null,
 * and the XML parser trims text. Every field the mapping carries is compared, not just the key.
 */
export function wmoAsSynced(v: WmoVoorziening): WmoVoorzieningRecord {
  return {
    burgerservicenummer: v.bsn,
    toewijzingNummer: v.toewijzingNummer,
    productCategorie: v.productCategorie,
    productCode: v.productCode,
    omschrijving: text(v.omschrijving),
    ingangsdatum: v.ingangsdatum ?? null,
    einddatum: v.einddatum ?? null,
    omvang: v.omvang ? { volume: Number(v.omvang.volume), eenheid: v.omvang.eenheid, frequentie: v.omvang.frequentie } : null,
    leveringsvorm: v.leveringsvorm ?? null,
  };
}

/** A stand-in uitkering as the adapter hands it to sync, besluiten in GWS's order. */
export function uitkeringAsSynced(u: Uitkering): UitkeringRecord {
  return {
    burgerservicenummer: u.bsn,
    dossierNummer: u.dossierNummer,
    soort: u.soort,
    omschrijving: text(u.omschrijving),
    ingangsdatum: u.ingangsdatum ?? null,
    einddatum: u.einddatum ?? null,
    besluiten: u.besluiten.map((b) => ({ soort: b.soort, datum: b.datum, toelichting: text(b.toelichting) })),
  };
}

function text(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** JSON with object keys sorted: Postgres jsonb does not keep the order the record was written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
