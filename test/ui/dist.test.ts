import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeSourceHash, DIST, SOURCE_HASH_FILE } from '../../web/source-hash';

/**
 * web/dist is committed, so that `npm ci && npm start` serves the console and the explorer
 * without building. These checks fail when it no longer matches web/src (or the rules, the
 * register, the API schema or the bundled packages it was built from): run `npm run build:web`.
 */
describe('the committed web build', () => {
  it('was built from the current sources', () => {
    const recorded = JSON.parse(readFileSync(join(DIST, SOURCE_HASH_FILE), 'utf8')) as { hash: string };
    if (recorded.hash !== computeSourceHash()) throw new Error('web/dist is stale: run `npm run build:web` and commit web/dist');
  });

  it('has both pages, every asset they name, and nothing from another host', () => {
    for (const page of ['privacy.html', 'explorer.html']) {
      const html = readFileSync(join(DIST, page), 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref).toMatch(/^\/ui\/assets\//);
        expect(existsSync(join(DIST, ref.replace(/^\/ui\//, '')))).toBe(true);
      }
      // The hub's CSP allows no inline script: everything is in modules.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    // No asset loads a font or stylesheet from elsewhere (a CDN would break offline use and the CSP).
    for (const file of readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.css'))) {
      expect(readFileSync(join(DIST, 'assets', file), 'utf8')).not.toMatch(/@import\s+url\(\s*["']?https?:|url\(\s*["']?https?:\/\//);
    }
  });
});
