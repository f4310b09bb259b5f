/**
 * The stand-in's kennisgeving outbox: Lk01 messages wait here until the afnemer confirms them
 * with a Bv01. Delivery is strictly in order (a W must not overtake the T it changes), one at a
 * time, with exponential backoff while the afnemer is down. In memory: a stand-in restart loses
 * it, which a real GWS would not — the hub's full sync covers that case.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SOAP_NS, kid, readXml, textOf, type Node } from './stuf-wire';

interface OutboxItem {
  referentienummer: string;
  soapAction: string;
  xml: string;
}

type Outcome = 'delivered' | 'rejected' | 'retry';

/**
 * How the stand-in proves to the afnemer that it is GWS: a shared key sent as
 * `Authorization: Bearer <key>`, a client certificate for mutual TLS (PEM contents; `ca` is what
 * the afnemer's server certificate must chain to), or both.
 */
export interface KennisgevingAuth {
  bearerKey?: string;
  clientCertificate?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
}

export interface OutboxOptions {
  /** First retry delay. @defaultValue 100 */
  initialDelayMs?: number;
  /** Longest retry delay. @defaultValue 5000 */
  maxDelayMs?: number;
  /** How long one delivery attempt may take. @defaultValue 5000 */
  timeoutMs?: number;
}

export interface OutboxStats {
  pending: number;
  delivered: number;
  rejected: number;
  failedAttempts: number;
}

export class Outbox {
  private readonly queue: OutboxItem[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: AbortController | undefined;
  private consecutiveFailures = 0;
  private closed = false;
  private delivered = 0;
  private rejected = 0;
  private failedAttempts = 0;

  private readonly agent: HttpsAgent | undefined;

  constructor(
    private readonly target: () => { url: string | undefined; up: boolean },
    options: OutboxOptions = {},
    private readonly auth: KennisgevingAuth = {},
  ) {
    const client = auth.clientCertificate;
    this.agent = client ? new HttpsAgent({ cert: client.cert, key: client.key, ...(client.ca ? { ca: client.ca } : {}), keepAlive: false }) : undefined;
    this.initialDelayMs = options.initialDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  get stats(): OutboxStats {
    return {
      pending: this.queue.length,
      delivered: this.delivered,
      rejected: this.rejected,
      failedAttempts: this.failedAttempts,
    };
  }

  enqueue(item: OutboxItem): void {
    this.queue.push(item);
    this.kick();
  }

  /** Try now: after enqueue, or when the afnemer URL or availability changed. */
  kick(immediately = false): void {
    if (this.closed || this.inFlight) return;
    if (this.timer) {
      if (!immediately) return;
      clearTimeout(this.timer);
      this.timer = undefined;
      this.consecutiveFailures = 0;
    }
    void this.pump();
  }

  /** Resolves once nothing is pending; rejects after `timeoutMs`. */
  whenEmpty(timeoutMs: number): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(new Error(`outbox still holds ${this.queue.length} kennisgeving(en) after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.agent?.destroy();
  }

  private async pump(): Promise<void> {
    while (!this.closed && this.queue.length > 0) {
      const { url, up } = this.target();
      // A back office that is down does not push either; delivery resumes with kick().
      if (!url || !up) return;
      const item = this.queue[0];
      const controller = new AbortController();
      this.inFlight = controller;
      const outcome = await this.send(url, item, controller);
      this.inFlight = undefined;
      if (this.closed) return;
      if (outcome === 'retry') {
        this.failedAttempts++;
        this.consecutiveFailures++;
        const delay = Math.min(this.initialDelayMs * 2 ** (this.consecutiveFailures - 1), this.maxDelayMs);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          void this.pump();
        }, delay);
        return;
      }
      this.consecutiveFailures = 0;
      this.queue.shift();
      if (outcome === 'delivered') this.delivered++;
      else this.rejected++;
    }
    if (this.queue.length === 0) for (const w of [...this.waiters]) w();
  }

  private async send(url: string, item: OutboxItem, controller: AbortController): Promise<Outcome> {
    const timeout = setTimeout(() => controller.abort(), this.timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${item.soapAction}"` };
    if (this.auth.bearerKey !== undefined) headers.authorization = `Bearer ${this.auth.bearerKey}`;
    try {
      return judge(await post(url, headers, item.xml, controller.signal, this.agent), item.referentienummer);
    } catch {
      // Refused connection, reset, a TLS handshake the afnemer refused, timeout: try again later.
      return 'retry';
    } finally {
      clearTimeout(timeout);
    }
  }
}

/**
 * One POST with node:http(s) rather than fetch: fetch cannot present a client certificate
 * without undici's own Agent, which is not a dependency here. Resolves with the answer's body,
 * whatever its status: judge() reads the StUF message in it.
 */
function post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal, agent: HttpsAgent | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const payload = Buffer.from(body, 'utf8');
    const options = { method: 'POST', headers: { ...headers, 'content-length': String(payload.length) }, signal };
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    };
    const req = target.protocol === 'https:' ? httpsRequest(target, { ...options, ...(agent ? { agent } : {}) }, onResponse) : httpRequest(target, options, onResponse);
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * What the afnemer's answer means. A Bv01 that confirms this very message: delivered. A Fo01 the
 * afnemer blames on us (plek client): resending the same message cannot help, so it is set
 * aside. Anything else, including a Fo01 from the afnemer's side (plek server): retry.
 */
function judge(xml: string, referentienummer: string): Outcome {
  const doc = readXml(xml);
  if (!doc || !xml.includes(SOAP_NS)) return 'retry';
  const body = kid(kid(doc, 'Envelope'), 'Body');
  const bv01 = kid(body, 'Bv01Bericht');
  if (bv01) {
    const sg: Node | undefined = kid(bv01, 'stuurgegevens');
    const confirms =
      textOf(kid(sg, 'berichtcode')) === 'Bv01' && textOf(kid(sg, 'crossRefnummer')) === referentienummer;
    return confirms ? 'delivered' : 'retry';
  }
  const fo01 = kid(kid(kid(body, 'Fault'), 'detail'), 'Fo01Bericht');
  if (fo01 && textOf(kid(kid(fo01, 'body'), 'plek')) === 'client') return 'rejected';
  return 'retry';
}
