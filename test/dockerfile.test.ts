import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// No Docker engine runs here; this checks the Dockerfile's promises as text.
const lines = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const instruction = (name: string) => lines.filter((l) => l.toUpperCase().startsWith(`${name} `));

describe('Dockerfile', () => {
  it('builds in stages and installs production dependencies only, from the lock file', () => {
    expect(instruction('FROM').length).toBeGreaterThanOrEqual(2);
    expect(instruction('RUN').some((l) => /npm ci\b.*--omit=dev/.test(l))).toBe(true);
    expect(instruction('RUN').some((l) => /npm (install|i)\b/.test(l))).toBe(false);
  });

  it('runs as a user that is not root, with a health check, and node as PID 1', () => {
    const users = instruction('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(\s|:|$)/i);
    expect(instruction('HEALTHCHECK')).toHaveLength(1);
    expect(instruction('CMD').at(-1)).toMatch(/^CMD \["node", "--import", "tsx"/);
  });

  it('bakes in no secret', () => {
    for (const l of [...instruction('ENV'), ...instruction('ARG')]) expect(l).not.toMatch(/KEY|SECRET|PASSWORD|TOKEN/i);
    const ignored = readFileSync(join(__dirname, '..', '.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['.env', '*.pem', '.data', 'node_modules']) expect(ignored).toContain(pattern);
  });
});
