/**
 * A throwaway HTTP server for tests: each request is answered by a script step — a status and
 * body, a forward to another URL, a hang (for timeouts) or a dropped connection.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Step =
  | { status: number; body?: string; contentType?: string }
  | { forward: string }
  | { hang: true }
  | { reset: true };

export interface ScriptedServer {
  url: string;
  port: number;
  /** Bodies of every request received, in order. */
  readonly received: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `script(body, index)` picks the step for the index-th request (0-based). */
export async function startScriptedServer(
  script: (body: string, index: number) => Step | Promise<Step>,
  port = 0,
): Promise<ScriptedServer> {
  const received: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const index = received.push(body) - 1;
    const step = await script(body, index);
    if ('hang' in step) return; // never answers; closeAllConnections ends it
    if ('reset' in step) return void req.socket.destroy();
    if ('forward' in step) {
      const upstream = await fetch(step.forward, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' });
      return void res.end(await upstream.text());
    }
    res.writeHead(step.status, { 'content-type': step.contentType ?? 'text/xml; charset=utf-8' });
    res.end(step.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
