/**
 * BRP stand-in: a node:http server speaking the Haal Centraal BRP API Personen v2
 * (`POST /personen`), seeded from the synthetic municipality.
 *
 * It implements the protocol from the spec on its own: it shares no code with the adapter in
 * `adapters/brp/`, so a misreading of the spec on one side shows up as a failing round trip
 * instead of being hidden on both sides of the wire.
 *
 * Supported search types: RaadpleegMetBurgerservicenummer, ZoekMetAdresseerbaarObjectIdentificatie,
 * ZoekMetNummeraanduidingIdentificatie and ZoekMetPostcodeEnHuisnummer. The name-based searches
 * answer 501. The stand-in never logs request or response bodies: they hold personal data.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Inhabitant, Municipality, PartialDate } from '../../../municipality/types';
import { project, withAutoDelivered } from './fields';
import { calendarDateInNetherlands, PersoonBuilder, type Json } from './persoon-json';
import { foutbericht, type Foutbericht, type ProblemKind } from './problem';
import { parseQuery, type Query } from './query';
import { World } from './world';

interface BrpSimulatorOptions {
  /** The world to serve. Change it after the start only through `setInhabitant` and `setOverlijden`. */
  municipality: Municipality;
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Interface to listen on. @defaultValue '127.0.0.1' */
  host?: string;
  /** The clock `leeftijd` and the end of gezag at 18 are computed from. @defaultValue real time */
  now?: () => Date;
  /**
   * When set, requests must carry it in the `X-API-KEY` header (as the RvIG proefomgeving
   * demands) or get 401. @defaultValue no key required
   */
  apiKey?: string;
}

export interface BrpSimulator {
  /** Base URL without trailing slash; the API is `POST {url}/personen`. */
  readonly url: string;
  /** HTTP requests received so far, of any kind (for tests of batching and retries). */
  readonly requests: number;
  /** Adds or replaces an inhabitant (matched on BSN). */
  setInhabitant(inhabitant: Inhabitant): void;
  /**
   * Registers a death (`{}` for an unknown date) or, with `undefined`, undoes it. The world model
   * holds no deaths, so tests of `overlijden` and `inclusiefOverledenPersonen` use this.
   */
  setOverlijden(bsn: string, datum: PartialDate | undefined): void;
  /** When false, every request gets 503 with a Foutbericht, as the real API during an outage. */
  setAvailable(up: boolean): void;
  close(): Promise<void>;
}

/** Request bodies are a few kilobytes; anything far larger is not a BRP request. */
const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** `application/json`, optionally with `charset=utf-8`; any other charset is not JSON as the spec means it. */
function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((p) => !p.startsWith('charset=') || p.replace(/"/g, '') === 'charset=utf-8');
}

function acceptsJson(header: string | undefined): boolean {
  if (!header) return true;
  return header
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase())
    .some((type) => type === '*/*' || type === 'application/*' || type === 'application/json');
}

const sameBagPostcode = (a: string, b: string): boolean =>
  a.replace(/\s/g, '').toUpperCase() === b.replace(/\s/g, '').toUpperCase();

/** Case-insensitive; a trailing `*` matches any rest, as the API's wildcard does. */
function matchesName(value: string, pattern: string): boolean {
  const v = value.toLowerCase();
  const p = pattern.toLowerCase();
  return p.endsWith('*') ? v.startsWith(p.slice(0, -1)) : v === p;
}

/** Starts the stand-in; resolves once it listens. */
export async function startBrpSimulator(options: BrpSimulatorOptions): Promise<BrpSimulator> {
  const world = new World(options.municipality);
  const now = options.now ?? (() => new Date());
  let available = true;
  let requests = 0;
  let baseUrl = '';

  const send = (res: ServerResponse, status: number, body: unknown, contentType: string, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
  const sendProblem = (
    res: ServerResponse,
    kind: ProblemKind,
    extra: Parameters<typeof foutbericht>[2] = {},
    headers: Record<string, string> = {},
  ): void => {
    const body: Foutbericht = foutbericht(kind, `${baseUrl}/personen`, extra);
    send(res, body.status, body, 'application/problem+json', headers);
  };

  const isAlive = (i: Inhabitant): boolean => world.overlijdensdatum(i.bsn) === undefined;

  const answer = (query: Query): Json => {
    const builder = new PersoonBuilder(world, calendarDateInNetherlands(now()));
    let found: Inhabitant[];
    switch (query.type) {
      case 'RaadpleegMetBurgerservicenummer':
        // Raadplegen also delivers the deceased: the spec's inclusiefOverledenPersonen is a
        // search parameter only.
        found = [...new Set(query.burgerservicenummer)]
          .map((bsn) => world.inhabitant(bsn))
          .filter((i): i is Inhabitant => i !== undefined);
        break;
      case 'ZoekMetAdresseerbaarObjectIdentificatie':
        found = world.livingAt(query.adresseerbaarObjectIdentificatie);
        break;
      case 'ZoekMetNummeraanduidingIdentificatie':
        found = [...world.all()].filter(
          (i) => world.address(i.adresseerbaarObjectId)?.nummeraanduidingId === query.nummeraanduidingIdentificatie,
        );
        break;
      case 'ZoekMetPostcodeEnHuisnummer':
        found = [...world.all()].filter((i) => {
          const a = world.address(i.adresseerbaarObjectId);
          if (!a || !sameBagPostcode(a.postcode, query.postcode) || a.huisnummer !== query.huisnummer) return false;
          if (query.huisletter !== undefined && (a.huisletter ?? '').toLowerCase() !== query.huisletter.toLowerCase()) return false;
          if (
            query.huisnummertoevoeging !== undefined &&
            (a.huisnummertoevoeging ?? '').toLowerCase() !== query.huisnummertoevoeging.toLowerCase()
          ) {
            return false;
          }
          if (query.geslachtsnaam !== undefined && !matchesName(i.geslachtsnaam, query.geslachtsnaam)) return false;
          if (query.geboortedatum !== undefined) {
            const { year, month, day } = i.geboortedatum;
            if (year === undefined || month === undefined || day === undefined) return false;
            const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            if (iso !== query.geboortedatum) return false;
          }
          return true;
        });
        break;
    }
    if (query.type !== 'RaadpleegMetBurgerservicenummer' && !query.inclusiefOverledenPersonen) {
      found = found.filter(isAlive);
    }
    // Everyone in the world is registered in this one municipality.
    if (query.gemeenteVanInschrijving !== undefined && query.gemeenteVanInschrijving !== world.gemeenteCode) found = [];
    const personen = found.map((i) => {
      const full = builder.persoon(i);
      return withAutoDelivered(full, project(full, query.fields));
    });
    return { type: query.type, personen };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendProblem(res, 'badRequest', { detail: 'Het verzoek is te groot.' }, { Connection: 'close' });
        return;
      }
      throw error;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/personen') return sendProblem(res, 'notFound');
    if (req.method !== 'POST') return sendProblem(res, 'methodNotAllowed', {}, { Allow: 'POST' });
    if (!available) return sendProblem(res, 'notAvailable');
    if (options.apiKey !== undefined && req.headers['x-api-key'] !== options.apiKey) {
      return sendProblem(res, 'authentication');
    }
    if (!isJsonContentType(req.headers['content-type'])) return sendProblem(res, 'unsupported');
    if (!acceptsJson(req.headers.accept)) return sendProblem(res, 'notAcceptable');

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return sendProblem(res, 'badRequest', { detail: 'Het verzoek bevat geen geldige JSON.' });
    }
    const parsed = parseQuery(json);
    if (parsed.kind === 'unsupported') return sendProblem(res, 'notImplemented');
    if (parsed.kind === 'invalid') {
      const names = [...new Set(parsed.invalidParams.map((p) => p.name))].join(', ');
      return sendProblem(res, 'paramsValidation', {
        detail: `De foutieve parameter(s) zijn ${names}.`.slice(0, 200),
        invalidParams: parsed.invalidParams,
      });
    }
    send(res, 200, answer(parsed.query), 'application/json; charset=utf-8');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Deliberately no details: the error may concern a person's record.
      if (!res.headersSent) sendProblem(res, 'serverError');
      else res.destroy();
    });
  });
  // Keep-alive sockets from fetch would otherwise hold close() open.
  server.keepAliveTimeout = 1000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    get requests() {
      return requests;
    },
    setInhabitant: (inhabitant) => world.setInhabitant(inhabitant),
    setOverlijden: (bsn, datum) => world.setOverlijden(bsn, datum),
    setAvailable: (up) => {
      available = up;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
