/**
 * Stand-in for a Jeugd/CJG registration that publishes its iJw message traffic as a feed.
 *
 * It never imports the adapter (adapters/jeugd/*.ts), and the adapter never imports it: each side
 * has its own XML code, so a misunderstanding of the format shows up as a failing test instead
 * of the same bug hiding on both sides.
 *
 * Feed protocol (HTTP, UTF-8 XML):
 *
 * `GET /berichten?vanaf=<cursor>&aantal=<n>` → 200
 * ```xml
 * <Berichtenfeed volgende="<cursor>" meer="true|false" aantal="<returned>">
 *   <Bericht positie="1" soort="JW301"><jw301:Bericht xmlns:jw301="…">…</jw301:Bericht></Bericht>
 *   …
 * </Berichtenfeed>
 * ```
 * - `vanaf` absent: from the first message. Otherwise the `volgende` of an earlier page; the page
 *   holds the messages after it. Cursors are opaque and stay valid: positions never move, new
 *   messages are only appended (a redelivery is a new position carrying the same bytes).
 * - `aantal`: 1–1000, default 100.
 * - Errors: `<Fout code="CODE"><Melding>…</Melding></Fout>` with 400 `ONGELDIGE_PARAMETER` /
 *   `ONGELDIGE_CURSOR`, 404 `NIET_GEVONDEN`, 405 `METHODE_NIET_TOEGESTAAN`, 503 `NIET_BESCHIKBAAR`
 *   (with `Retry-After`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Address, Inhabitant, JeugdToewijzing, Municipality } from '../../../municipality/types';
import { REDEN_VOLGENS_PLAN, renderJw301, renderJw305, renderJw307, type ClientData, type Envelope } from './ijw-messages';

/** A world event the stand-in publishes as one iJw message. */
type JeugdBericht =
  | { soort: 'JW301'; toewijzing: JeugdToewijzing; identificatie?: string; dagtekening?: string }
  | { soort: 'JW305'; toewijzing: JeugdToewijzing; startZorg: string; identificatie?: string; dagtekening?: string }
  | {
      soort: 'JW307';
      toewijzing: JeugdToewijzing;
      stopZorg: string;
      /** RedenBeeindiging; @defaultValue "19" (levering volgens plan beëindigd). */
      redenBeeindiging?: string;
      identificatie?: string;
      dagtekening?: string;
    };

interface JeugdSimulatorOptions {
  municipality: Municipality;
  /** @defaultValue 0 (a free port) */
  port?: number;
  /** @defaultValue "127.0.0.1" */
  host?: string;
  /** Clock for the Dagtekening of published messages. @defaultValue () => new Date() */
  now?: () => Date;
}

export interface JeugdSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the feed is at `{url}/berichten`. */
  readonly url: string;
  /** HTTP requests received so far, answered or refused. */
  readonly requests: number;
  /** Messages in the log, redeliveries included. */
  readonly messageCount: number;
  /** Appends a message to the log. */
  publish(message: JeugdBericht): void;
  /** Appends the message at 0-based log index `index` again, byte for byte (positie `index + 1`). */
  redeliver(index: number): void;
  /** While down, every request gets 503. */
  setAvailable(up: boolean): void;
  close(): Promise<void>;
}

interface LogEntry {
  soort: JeugdBericht['soort'];
  xml: string;
}

const MAX_AANTAL = 1000;
const DEFAULT_AANTAL = 100;

/**
 * Starts the stand-in. The initial log holds, per toewijzing, a JW301 and — when the world says
 * care started or stopped — a JW305 and a JW307, ordered by their dates as they would have been
 * sent (ties: JW301 before JW305 before JW307, then world order).
 */
export async function startJeugdSimulator(options: JeugdSimulatorOptions): Promise<JeugdSimulator> {
  const { municipality } = options;
  const now = options.now ?? (() => new Date());
  const inhabitants = new Map<string, Inhabitant>(municipality.inhabitants.map((i) => [i.bsn, i]));
  const addresses = new Map<string, Address>(municipality.addresses.map((a) => [a.adresseerbaarObjectId, a]));
  const log: LogEntry[] = [];
  let sequence = 0;
  let available = true;
  let requests = 0;

  const clientData = (bsn: string): ClientData => {
    const inhabitant = inhabitants.get(bsn);
    return { inhabitant, address: inhabitant ? addresses.get(inhabitant.adresseerbaarObjectId) : undefined };
  };

  const render = (message: JeugdBericht, dagtekening: string): LogEntry => {
    sequence += 1;
    const t = message.toewijzing;
    const envelope: Envelope = {
      gemeenteCode: municipality.gemeenteCode,
      aanbieder: providerAgb(t),
      // LDT_IdentificatieBericht allows 12 characters: "JW301" + 7 digits.
      identificatie: message.identificatie ?? `${message.soort}${String(sequence).padStart(7, '0')}`,
      dagtekening: message.dagtekening ?? dagtekening,
    };
    const client = clientData(t.bsn);
    switch (message.soort) {
      case 'JW301':
        return { soort: 'JW301', xml: renderJw301(envelope, t, client) };
      case 'JW305':
        return { soort: 'JW305', xml: renderJw305(envelope, t, message.startZorg, client) };
      case 'JW307':
        return { soort: 'JW307', xml: renderJw307(envelope, t, message.stopZorg, message.redenBeeindiging ?? REDEN_VOLGENS_PLAN, client) };
    }
  };

  for (const { message, date } of initialMessages(municipality.jeugd)) log.push(render(message, date));

  const server = createServer((req, res) => {
    requests += 1;
    handle(req, res);
  });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (!available) {
      res.setHeader('Retry-After', '1');
      return fail(res, 503, 'NIET_BESCHIKBAAR', 'de berichtenfeed is tijdelijk niet beschikbaar');
    }
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== '/berichten') return fail(res, 404, 'NIET_GEVONDEN', 'alleen /berichten bestaat');
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return fail(res, 405, 'METHODE_NIET_TOEGESTAAN', 'alleen GET');
    }

    const aantalParam = url.searchParams.get('aantal');
    let aantal = DEFAULT_AANTAL;
    if (aantalParam !== null) {
      if (!/^[0-9]{1,4}$/.test(aantalParam) || Number(aantalParam) < 1 || Number(aantalParam) > MAX_AANTAL) {
        return fail(res, 400, 'ONGELDIGE_PARAMETER', `aantal moet een geheel getal van 1 tot en met ${MAX_AANTAL} zijn`);
      }
      aantal = Number(aantalParam);
    }
    const vanaf = url.searchParams.get('vanaf');
    let after = 0;
    if (vanaf !== null) {
      const decoded = decodeCursor(vanaf);
      if (decoded === null || decoded > log.length) {
        return fail(res, 400, 'ONGELDIGE_CURSOR', 'vanaf is geen cursor die deze feed heeft uitgegeven');
      }
      after = decoded;
    }

    const page = log.slice(after, after + aantal);
    const last = after + page.length;
    const entries = page
      .map((entry, i) => `<Bericht positie="${after + i + 1}" soort="${entry.soort}">${entry.xml}</Bericht>`)
      .join('');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      `<Berichtenfeed volgende="${encodeCursor(last)}" meer="${last < log.length}" aantal="${page.length}">${entries}</Berichtenfeed>`;
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    res.end(body);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    get requests() {
      return requests;
    },
    get messageCount() {
      return log.length;
    },
    publish(message) {
      log.push(render(message, isoDate(now())));
    },
    redeliver(index) {
      const entry = log[index];
      if (!Number.isInteger(index) || entry === undefined) {
        throw new RangeError(`redeliver: expected a log index from 0 to ${log.length - 1}, got ${index}`);
      }
      log.push(entry);
    },
    setAvailable(up) {
      available = up;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

/** The world's toewijzingen as the messages that produced them, in the order they were sent. */
function initialMessages(toewijzingen: readonly JeugdToewijzing[]): { message: JeugdBericht; date: string }[] {
  const rank = { JW301: 0, JW305: 1, JW307: 2 } as const;
  const items: { message: JeugdBericht; date: string; order: number }[] = [];
  toewijzingen.forEach((t, i) => {
    items.push({ message: { soort: 'JW301', toewijzing: t }, date: t.ingangsdatum, order: i });
    if (t.startZorg) items.push({ message: { soort: 'JW305', toewijzing: t, startZorg: t.startZorg }, date: t.startZorg, order: i });
    if (t.stopZorg) items.push({ message: { soort: 'JW307', toewijzing: t, stopZorg: t.stopZorg }, date: t.stopZorg, order: i });
  });
  return items.sort(
    (a, b) => a.date.localeCompare(b.date) || rank[a.message.soort] - rank[b.message.soort] || a.order - b.order,
  );
}

/**
 * A fictitious AGB code per product category ("98" + zeros + category): every toewijzing in a
 * category goes to the same provider, which is how municipalities contract youth care.
 */
function providerAgb(t: JeugdToewijzing): string {
  return `98${t.productCategorie.padStart(6, '0')}`.slice(0, 8);
}

/** Cursor = base64url("p<position>"): opaque to readers, but cheap to check here. */
function encodeCursor(position: number): string {
  return Buffer.from(`p${position}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return null;
  const match = /^p(0|[1-9][0-9]{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function fail(res: ServerResponse, status: number, code: string, melding: string): void {
  res.writeHead(status, { 'content-type': 'application/xml; charset=utf-8' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Fout code="${code}"><Melding>${escapeXml(melding)}</Melding></Fout>`);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
