/**
 * Client for the Haal Centraal BRP API Personen v2 (`POST {baseUrl}/personen`).
 *
 * Resilience, innermost first: a timeout per attempt (it covers reading the body too), a circuit
 * breaker shared by all calls of one client, and retries with exponential backoff. Only
 * transient failures are retried and counted by the breaker — network errors, timeouts and 5xx —
 * because a 4xx will not get better by asking again, and says nothing about the BRP's health.
 * The policy itself comes from `../common/resilience.ts`.
 */
import type { PersoonRecord } from '../../domain/records';
import { createResiliencePolicy, runResilient, type ResilienceFailure } from '../common/resilience';
import { mapPersoon } from './mapping';
import { SourceError } from './source-error';
import { mapLimit } from '../../lib/map-limit';

/**
 * The fields asked when consulting persons: exactly what `mapPersoon` reads, nothing more
 * (AVG data minimisation; the BRP also logs what each client asks). The auto-delivered fields
 * (geheimhoudingPersoonsgegevens, inOnderzoek, opschortingBijhouding, rni, verificatie) must not
 * be asked — the API answers 400 — and come along by themselves.
 */
export const RAADPLEEG_FIELDS = [
  'burgerservicenummer',
  'naam.voornamen',
  'naam.voorvoegsel',
  'naam.geslachtsnaam',
  'naam.volledigeNaam',
  'geslacht',
  'geboorte.datum',
  'leeftijd',
  'overlijden.datum',
  'verblijfplaats.adresseerbaarObjectIdentificatie',
  'verblijfplaats.verblijfadres.officieleStraatnaam',
  'verblijfplaats.verblijfadres.korteStraatnaam',
  'verblijfplaats.verblijfadres.huisnummer',
  'verblijfplaats.verblijfadres.huisletter',
  'verblijfplaats.verblijfadres.huisnummertoevoeging',
  'verblijfplaats.verblijfadres.postcode',
  'verblijfplaats.verblijfadres.woonplaats',
  'ouders.burgerservicenummer',
  'gezag',
] as const;

/** Fields asked when searching who lives at an address: only who they are. */
const ZOEK_ADRES_FIELDS = ['burgerservicenummer'] as const;

/** The spec allows at most 20 BSNs per RaadpleegMetBurgerservicenummer request. */
const MAX_BSNS_PER_REQUEST = 20;

export interface BrpClientOptions {
  /** Base URL of the API; requests go to `{baseUrl}/personen`. */
  baseUrl: string;
  /** Sent as the `X-API-KEY` header when set. @defaultValue none */
  apiKey?: string;
  /** Time limit per attempt, including reading the response body, in ms. @defaultValue 5000 */
  timeoutMs?: number;
  /** Retries after a failed first attempt, for network errors, timeouts and 5xx only. @defaultValue 3 */
  retries?: number;
  /** First backoff delay in ms; later ones grow exponentially (with jitter). @defaultValue 200 */
  initialBackoffMs?: number;
  /** Longest backoff delay in ms. @defaultValue 5000 */
  maxBackoffMs?: number;
  /** Requests in flight at once when a call needs several batches. @defaultValue 4 */
  concurrency?: number;
  /** Consecutive transient failures that open the circuit. @defaultValue 5 */
  breakerThreshold?: number;
  /** Time the circuit stays open before one trial request is let through, in ms. @defaultValue 30000 */
  breakerHalfOpenAfterMs?: number;
}

interface BrpClient {
  /**
   * Consults persons by BSN. Asks in batches of at most 20 (the spec's limit), several batches
   * in parallel. Returns the persons the BRP knows, in the order first asked; unknown BSNs are
   * simply absent, as in the API.
   *
   * @throws RangeError when a BSN is not nine digits (a bug in the caller, not a BRP problem)
   * @throws SourceError SOURCE_UNAVAILABLE or SOURCE_PROTOCOL_ERROR
   */
  raadpleeg(bsns: readonly string[]): Promise<PersoonRecord[]>;
  /**
   * The BSNs of the living persons registered at a BAG adresseerbaar object: the household.
   *
   * @throws RangeError when the identification is not 16 digits or is all zeros
   * @throws SourceError SOURCE_UNAVAILABLE or SOURCE_PROTOCOL_ERROR
   */
  zoekBsnsOpAdresseerbaarObject(adresseerbaarObjectId: string): Promise<string[]>;
}

/** A failure worth retrying. Internal: callers only ever see SourceError. */
class TransientFailure extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Largest response we accept: 20 full persons are well under 1 MB. */
const MAX_RESPONSE_CHARS = 8 * 1024 * 1024;

const BSN = /^[0-9]{9}$/;
const BAG_ID = /^(?!0{16})[0-9]{16}$/;

/** Parameter names of the spec's request types: the only names we repeat from a Foutbericht. */
const KNOWN_PARAMETERS = new Set([
  'type',
  'fields',
  'burgerservicenummer',
  'adresseerbaarObjectIdentificatie',
  'nummeraanduidingIdentificatie',
  'gemeenteVanInschrijving',
  'inclusiefOverledenPersonen',
  'geboortedatum',
  'geslachtsnaam',
  'geslacht',
  'voorvoegsel',
  'voornamen',
  'postcode',
  'huisnummer',
  'huisletter',
  'huisnummertoevoeging',
  'straat',
]);

/** Error codes the BRP API uses (RvIG documentation and the spec's examples). */
const KNOWN_CODES = new Set([
  'paramsValidation', 'paramsRequired', 'badRequest', 'authentication', 'autorisation', 'notFound',
  'notAcceptable', 'unsupported', 'tooManyRequests', 'serverError', 'notAvailable', 'required',
  'pattern', 'maxItems', 'minItems', 'array', 'string', 'boolean', 'integer', 'number', 'date',
  'minimum', 'maximum', 'minLength', 'maxLength', 'enum', 'fields', 'value', 'unknownParam', 'wildcard',
]);

/**
 * The code and invalid parameters of a Foutbericht, as far as they are names we know: whatever
 * else a server puts there (it could echo a BSN or a name) never reaches our messages.
 */
function describeFoutbericht(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const b = body as { code?: unknown; invalidParams?: unknown };
  const known = (set: Set<string>, v: unknown): string | undefined => {
    // The real API names array items "burgerservicenummer[0]"; the index is not needed.
    const name = typeof v === 'string' ? v.replace(/\[[0-9]+\]$/, '') : undefined;
    return name !== undefined && set.has(name) ? name : undefined;
  };
  const parts: string[] = [];
  const code = known(KNOWN_CODES, b.code);
  if (code) parts.push(`code ${code}`);
  if (Array.isArray(b.invalidParams)) {
    const params = b.invalidParams.flatMap((p: unknown) => {
      if (typeof p !== 'object' || p === null) return [];
      const name = known(KNOWN_PARAMETERS, (p as { name?: unknown }).name);
      const pcode = known(KNOWN_CODES, (p as { code?: unknown }).code);
      return name && pcode ? [`${name} (${pcode})`] : [];
    });
    if (params.length > 0) parts.push(`invalid: ${[...new Set(params)].join(', ')}`);
  }
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

function isJsonMediaType(header: string | null): boolean {
  const mediaType = (header ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** Creates a client. One client per BRP: its circuit breaker is shared by every call made with it. */
export function createBrpClient(options: BrpClientOptions): BrpClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const retries = options.retries ?? 3;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const endpoint = new URL('personen', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).toString();

  const policy = createResiliencePolicy({
    isTransient: (error) => error instanceof TransientFailure,
    retries,
    initialBackoffMs: options.initialBackoffMs,
    maxBackoffMs: options.maxBackoffMs,
    breakerThreshold: options.breakerThreshold,
    breakerHalfOpenAfterMs: options.breakerHalfOpenAfterMs,
    timeoutMs,
    // Cooperative: `attempt` turns its own timeout into a TransientFailure ("no answer within …",
    // the fetch error as cause), so the last attempt's reason reaches the message as it does for
    // network errors and 5xx. Safe because fetch and reading the body both honour the signal.
    timeoutStrategy: 'cooperative',
  });

  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    Accept: 'application/json',
    ...(options.apiKey !== undefined ? { 'X-API-KEY': options.apiKey } : {}),
  };

  /** One HTTP exchange; throws TransientFailure (retried) or SourceError (final). */
  const attempt = async (body: string, signal: AbortSignal): Promise<unknown> => {
    let response: Response;
    let text: string;
    try {
      // No redirects: a redirected POST would turn into a GET, or carry BSNs to another host.
      response = await fetch(endpoint, { method: 'POST', headers, body, signal, redirect: 'manual' });
      text = await response.text();
    } catch (error) {
      // The body is read under the same signal, so a stalled body is a timeout too.
      throw new TransientFailure(signal.aborted ? `no answer within ${timeoutMs} ms` : 'network error', undefined, { cause: error });
    }
    const status = response.status;
    if (status >= 500) throw new TransientFailure(`HTTP ${status}`, status);
    if (status !== 200) {
      let problem: unknown;
      try {
        problem = JSON.parse(text);
      } catch {
        problem = undefined;
      }
      const detail = describeFoutbericht(problem);
      if (status === 401 || status === 403 || status === 429) {
        throw new SourceError('SOURCE_UNAVAILABLE', `BRP refused the request: HTTP ${status}${detail}`, { status });
      }
      throw new SourceError('SOURCE_PROTOCOL_ERROR', `BRP rejected the request: expected HTTP 200, got HTTP ${status}${detail}`, {
        status,
      });
    }
    if (!isJsonMediaType(response.headers.get('content-type'))) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', 'BRP response: expected Content-Type application/json, got another media type', {
        status,
      });
    }
    if (text.length > MAX_RESPONSE_CHARS) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', `BRP response: expected at most ${MAX_RESPONSE_CHARS} characters, got more`, { status });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', 'BRP response: expected a JSON body, got text that does not parse as JSON', { status });
    }
  };

  /** What a failed call becomes: always a SourceError. */
  const toSourceError = (failure: ResilienceFailure): SourceError => {
    if (failure.kind === 'circuit-open') {
      return new SourceError('SOURCE_UNAVAILABLE', 'BRP unavailable: circuit open after repeated failures, not calling it for now', {
        cause: failure.error,
      });
    }
    const { error } = failure;
    if (error instanceof SourceError) return error;
    if (error instanceof TransientFailure) {
      return new SourceError('SOURCE_UNAVAILABLE', `BRP unavailable after ${retries + 1} attempts: last ${error.message}`, {
        status: error.status,
        cause: error.cause,
      });
    }
    // Never a 'timeout': with cooperative timeouts, `attempt` reports them as TransientFailure.
    return new SourceError('SOURCE_UNAVAILABLE', 'BRP unavailable: unexpected failure calling it', { cause: error });
  };

  const post = async (query: Record<string, unknown>): Promise<unknown> => {
    const body = JSON.stringify(query);
    return runResilient(policy, (signal) => attempt(body, signal), toSourceError);
  };

  /** The `personen` array of a 200 answer, after checking the envelope. */
  const personenOf = (body: unknown, type: string): unknown[] => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', 'BRP response: expected a JSON object, got another JSON value');
    }
    const envelope = body as { type?: unknown; personen?: unknown };
    if (envelope.type !== type) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', `BRP response: expected type ${type}, got ${typeof envelope.type === 'string' ? 'another type' : 'no type'}`);
    }
    // The spec does not require `personen`; absent means nobody was found.
    if (envelope.personen === undefined || envelope.personen === null) return [];
    if (!Array.isArray(envelope.personen)) {
      throw new SourceError('SOURCE_PROTOCOL_ERROR', 'BRP response: expected personen to be an array, got another JSON value');
    }
    return envelope.personen;
  };

  const raadpleegBatch = async (bsns: string[]): Promise<PersoonRecord[]> => {
    const type = 'RaadpleegMetBurgerservicenummer';
    const body = await post({ type, burgerservicenummer: bsns, fields: RAADPLEEG_FIELDS });
    const asked = new Set(bsns);
    return personenOf(body, type).map((persoon, index) => {
      const record = mapPersoon(persoon, `personen[${index}]`);
      if (!asked.has(record.burgerservicenummer)) {
        throw new SourceError('SOURCE_PROTOCOL_ERROR', `BRP response: expected only the persons asked for, got one not asked for at personen[${index}]`);
      }
      return record;
    });
  };

  return {
    async raadpleeg(bsns) {
      bsns.forEach((bsn, index) => {
        if (typeof bsn !== 'string' || !BSN.test(bsn)) throw new RangeError(`expected a nine-digit burgerservicenummer at index ${index}`);
      });
      const unique = [...new Set(bsns)];
      if (unique.length === 0) return [];
      const batches: string[][] = [];
      for (let i = 0; i < unique.length; i += MAX_BSNS_PER_REQUEST) batches.push(unique.slice(i, i + MAX_BSNS_PER_REQUEST));
      const found = new Map<string, PersoonRecord>();
      for (const batch of await mapLimit(batches, concurrency, raadpleegBatch)) {
        for (const record of batch) found.set(record.burgerservicenummer, record);
      }
      return unique.flatMap((bsn) => found.get(bsn) ?? []);
    },

    async zoekBsnsOpAdresseerbaarObject(adresseerbaarObjectId) {
      if (typeof adresseerbaarObjectId !== 'string' || !BAG_ID.test(adresseerbaarObjectId)) {
        throw new RangeError('expected an adresseerbaar object identification of 16 digits, not all zeros');
      }
      const type = 'ZoekMetAdresseerbaarObjectIdentificatie';
      const body = await post({ type, adresseerbaarObjectIdentificatie: adresseerbaarObjectId, fields: ZOEK_ADRES_FIELDS });
      const bsns = personenOf(body, type).map((persoon, index) => {
        const bsn = typeof persoon === 'object' && persoon !== null ? (persoon as { burgerservicenummer?: unknown }).burgerservicenummer : undefined;
        if (typeof bsn !== 'string' || !BSN.test(bsn)) {
          throw new SourceError('SOURCE_PROTOCOL_ERROR', `BRP response: expected personen[${index}].burgerservicenummer to be a string of nine digits, got something else`);
        }
        return bsn;
      });
      return [...new Set(bsns)];
    },
  };
}
