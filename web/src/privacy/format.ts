/** Dutch labels and formats for what the audit API returns as codes. */

const DOEL: Record<string, string> = {
  WMO_ONDERSTEUNING: 'Wmo-ondersteuning',
  JEUGDHULP: 'Jeugdhulp',
  PARTICIPATIE: 'Participatie (werk en inkomen)',
  LEERPLICHT: 'Leerplicht',
  INTEGRALE_AANPAK: 'Integrale aanpak',
  AUDIT: 'Audit (privacy officer)',
};

const CODE: Record<string, string> = {
  FORBIDDEN: 'Geen grondslag',
  CONSENT_REQUIRED: 'Toestemming ontbreekt',
  PURPOSE_NOT_ALLOWED: 'Doel niet toegestaan',
  OPERATION_NOT_TRUSTED: 'Operatie niet geregistreerd',
  UNAUTHENTICATED: 'Niet aangemeld',
  BAD_USER_INPUT: 'Ongeldige invoer',
  SOURCE_UNAVAILABLE: 'Bron niet beschikbaar',
};

const STATUS: Record<string, string> = {
  VERSTREKT: 'Verstrekt',
  GEDEELTELIJK: 'Gedeeltelijk',
  GEWEIGERD: 'Geweigerd',
  VOLTOOID: 'Voltooid',
  ONGELDIG: 'Ongeldig',
  MISLUKT: 'Mislukt',
};

const BREUK: Record<string, string> = {
  HASH_WIJKT_AF: 'Record gewijzigd (hash wijkt af)',
  VOORGANGER_ONTBREEKT: 'Voorgaand record ontbreekt',
  KOP_WIJKT_AF: 'Keten wijkt af van ondertekende kop',
  RECORD_ONTBREEKT: 'Records na de laatste kop ontbreken',
  HANDTEKENING_ONGELDIG: 'Handtekening ongeldig',
  SLEUTEL_ONBEKEND: 'Onbekende sleutel',
};

/** A signed head's validity: GELDIG, or the break it would be named as. */
const GELDIGHEID: Record<string, string> = { GELDIG: 'Geldig', ...BREUK };

export const PURPOSES = Object.keys(DOEL);

export const doelLabel = (code: string): string => DOEL[code] ?? code;
export const codeLabel = (code: string): string => CODE[code] ?? code;
export const statusLabel = (code: string): string => STATUS[code] ?? code;
export const breukLabel = (code: string): string => BREUK[code] ?? code;
export const geldigheidLabel = (code: string): string => GELDIGHEID[code] ?? code;

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Amsterdam' });
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' });

export function formatTijdstip(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDatum(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** The calendar day (Europe/Amsterdam) of an instant, as YYYY-MM-DD: the charts' buckets. */
export function dayOf(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** Today, or `days` days from today, as YYYY-MM-DD in Europe/Amsterdam. */
export function isoDay(days = 0): string {
  return dayOf(new Date(Date.now() + days * 86_400_000).toISOString());
}

/** The day after a YYYY-MM-DD date: the API's `tot` is exclusive, the form's "tot en met" inclusive. */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The elfproef of a BSN: nine digits, weighted sum divisible by 11 (the last digit weighs −1). */
export function isBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}
