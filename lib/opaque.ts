import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Identifiers the API hands out that must tell a caller nothing: household ids and paging
 * cursors. Both are keyed with a secret, so that no one can compute a household's id from its
 * address (a BAG id is a number anyone can enumerate) or read or forge a cursor.
 *
 * - household ids: HMAC-SHA-256 of the address, truncated; stable for as long as the key is.
 * - cursors: AES-256-GCM over the position, so a cursor is opaque and tamper-evident.
 */
export class OpaqueIds {
  private readonly macKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new RangeError(`identifier key needs at least 32 characters, got ${secret.length}`);
    // Two keys from one secret, each for one use.
    this.macKey = createHmac('sha256', secret).update('ontschot household id').digest();
    this.sealKey = createHmac('sha256', secret).update('ontschot cursor').digest();
  }

  /** The id of the household registered at an adresseerbaar object. */
  household(adresseerbaarObjectId: string): string {
    return createHmac('sha256', this.macKey).update(adresseerbaarObjectId).digest('base64url').slice(0, 24);
  }

  /** A cursor holding `value`, readable only by `open` with the same key. */
  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** What `seal` sealed, or undefined for anything else (forged, truncated, another key). */
  open(token: string): unknown {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
    } catch {
      return undefined;
    }
  }
}

/**
 * The development key, kept under DATA_DIR so that ids stay the same across restarts (a
 * household id in a front end's URL keeps working). Parts run apart need ID_KEY instead.
 */
export function devIdKey(dataDir: string): string {
  const path = join(dataDir, 'id-key');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Several parts starting at once on one DATA_DIR: the first one's key wins.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(path, 'utf8');
}
