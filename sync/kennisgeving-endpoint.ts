import { ontvangKennisgeving, type Kennisgeving, type StufSysteem } from '../adapters/gws';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../subgraphs/common/server';

export interface KennisgevingEndpointOptions {
  /** Who we are to GWS: kennisgevingen for anyone else are refused with a Fo01. */
  ontvanger: StufSysteem;
  /** Stores the kennisgeving durably (a queued job); the Bv01 is sent only after it resolves. */
  verwerk: (k: Kennisgeving) => Promise<void>;
  port?: number;
  host?: string;
}

/**
 * The HTTP endpoint GWS pushes its StUF kennisgevingen (Lk01) to. It answers Bv01 only once the
 * change is queued in Redis, so a crash between receipt and processing loses nothing: GWS keeps
 * retrying until it has our Bv01.
 */
export async function startKennisgevingEndpoint(options: KennisgevingEndpointOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    readBody(req, 4 << 20)
      .then((xml) => ontvangKennisgeving(xml, { ontvanger: options.ontvanger, verwerk: options.verwerk }))
      .then((answer) => res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body))
      .catch(() => {
        if (!res.headersSent) res.writeHead(503).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/stuf/kennisgevingen`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
