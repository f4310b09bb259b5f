/**
 * Completes package-lock.json with the other platforms' optional native packages.
 *
 * Why: the package mirror this project is built on serves only some platforms' builds (e.g. no
 * @swc/core-darwin-arm64), and npm then leaves those optional packages out of the lock file —
 * after which `npm ci` refuses the lock everywhere ("Missing: … from lock file"). Each missing
 * entry is added as npm itself writes one for a platform it does not install: optional, with
 * its version and the os/cpu/libc it is built for, so npm ci skips it here and installs it on
 * that platform from the public registry. Run after changing dependencies: `npm run lock:complete`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  [key: string]: unknown;
}

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];

/** Reads os, cpu and libc from a platform package's name, e.g. core-linux-arm-musleabihf. */
function platformOf(name: string): { os?: string[]; cpu?: string[]; libc?: string[] } {
  const parts = name.split('/').pop()!.split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c));
  const rest = parts.join('-');
  const libc = /musl/.test(rest) ? 'musl' : os === 'linux' && /gnu/.test(rest) ? 'glibc' : undefined;
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}), ...(libc ? { libc: [libc] } : {}) };
}

export const LOCK_PATH = join(__dirname, '..', 'package-lock.json');

/** The platform packages the lock names as optional dependencies but has no entry for. */
export function missingPlatformEntries(lock: { packages: Record<string, LockEntry> }): Array<{ at: string; entry: LockEntry }> {
  const missing: Array<{ at: string; entry: LockEntry }> = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const top = `node_modules/${dep}`;
      if (lock.packages[`${location}/node_modules/${dep}`] || lock.packages[top]) continue;
      const platform = platformOf(dep);
      // Only platform builds are filled in; any other missing optional package is a real gap.
      if (!platform.os && !platform.cpu) continue;
      missing.push({ at: top, entry: { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform } });
    }
  }
  return missing;
}

function main(): void {
  const lock = JSON.parse(readFileSync(LOCK_PATH, 'utf8')) as { packages: Record<string, LockEntry> };
  const missing = missingPlatformEntries(lock);
  for (const m of missing) lock.packages[m.at] = m.entry;
  const added = missing.length;
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(LOCK_PATH, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${added} optional platform package(s)`);
}

if (require.main === module) main();
