import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { parse } from 'yaml';
import { computeSourceHash, ROOT, SOURCE_HASH_FILE, sourceFiles, WEB } from './source-hash';

/**
 * One multi-page build for the hub's two browser pages, served by the gateway under /ui/:
 * privacy.html (the privacy officer's console, at /privacy) and explorer.html (GraphiQL, at
 * GET /graphql for a browser). Everything is bundled — no CDN — because the hub serves them with
 * a CSP of `default-src 'self'`, and must work offline. The output, web/dist, is committed.
 */

interface RulesFile {
  rollen: Record<string, { organisatie: 'GEMEENTE' | 'PARTNER' }>;
  rules: Array<{ role: string; purpose: string }>;
}
interface RegisterFile {
  organisaties: Array<{ code: string; naam: string; soort: 'GEMEENTE' | 'PARTNER' }>;
}

/**
 * `virtual:ontschot-policy`: the roles, the purposes each may claim and the shipped register,
 * read from policy/ at build time, so the explorer's pickers cannot drift from the rules.
 */
function policy(): Plugin {
  const id = 'virtual:ontschot-policy';
  return {
    name: 'ontschot-policy',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const rules = parse(readFileSync(join(ROOT, 'policy/rules.yaml'), 'utf8')) as RulesFile;
      const register = parse(readFileSync(join(ROOT, 'policy/organisaties.yaml'), 'utf8')) as RegisterFile;
      const roles = Object.entries(rules.rollen).map(([role, { organisatie }]) => ({
        role,
        organisatie,
        purposes: [...new Set(rules.rules.filter((r) => r.role === role).map((r) => r.purpose))],
      }));
      return `export const roles = ${JSON.stringify(roles)};\nexport const organisations = ${JSON.stringify(register.organisaties)};\n`;
    },
  };
}

/** Writes the fingerprint of the sources into the dist (see source-hash.ts). */
function sourceHash(): Plugin {
  return {
    name: 'ontschot-source-hash',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: SOURCE_HASH_FILE, source: `${JSON.stringify({ hash: computeSourceHash(), files: sourceFiles().length }, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  root: WEB,
  base: '/ui/',
  publicDir: false,
  plugins: [policy(), sourceHash()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: join(WEB, 'dist'),
    emptyOutDir: true,
    // Fonts and images as files: the CSP allows data: for images only.
    assetsInlineLimit: 0,
    sourcemap: false,
    // GraphiQL's editor (Monaco) is large by nature; it is only loaded by the explorer page.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: { privacy: join(WEB, 'privacy.html'), explorer: join(WEB, 'explorer.html') },
      // React libraries mark their modules "use client" for server components; nothing here renders on a server.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    fs: { allow: [ROOT] },
    // `npx vite --config web/vite.config.ts` against a hub on :4000: the pages call the hub like any client.
    proxy: { '/graphql': 'http://localhost:4000', '/dev': 'http://localhost:4000', '/ui/config.json': 'http://localhost:4000' },
  },
});
