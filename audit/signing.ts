import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from './canonical';

/** A stream's head as signed: the last record's position and hash, when, and with which key. */
export interface ChainHead {
  stroom: string;
  volgnummer: number;
  hash: string;
  /** ISO 8601 UTC with milliseconds. */
  tijdstip: string;
  sleutelId: string;
}

/** The bytes a head signature covers: the canonical JSON of the head. */
function headMessage(head: ChainHead): Buffer {
  const { stroom, volgnummer, hash, tijdstip, sleutelId } = head;
  return Buffer.from(canonicalJson({ stroom, volgnummer, hash, tijdstip, sleutelId }), 'utf8');
}

/**
 * Signs chain heads with an Ed25519 key. The key id travels with every signature, so a verifier
 * holding several trusted public keys (after a rotation) knows which one to use.
 */
export class AuditSigner {
  readonly publicKey: KeyObject;

  /**
   * @param privateKey an Ed25519 private key
   * @param keyId names the key in every signed head. @defaultValue `ed25519-` + the first 16 hex of SHA-256 over the public key (SPKI DER)
   */
  constructor(
    private readonly privateKey: KeyObject,
    readonly keyId: string = fingerprint(createPublicKey(privateKey)),
  ) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new TypeError(`audit signing key must be an Ed25519 private key, got ${privateKey.type} ${privateKey.asymmetricKeyType ?? ''}`.trim());
    }
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(keyId)) throw new TypeError('audit signing key id must be 1–100 characters of A–Z a–z 0–9 . _ : -');
    this.publicKey = createPublicKey(privateKey);
  }

  /** A signer for a fresh key (tests, and the first start of a development hub). */
  static generate(keyId?: string): AuditSigner {
    return new AuditSigner(generateKeyPairSync('ed25519').privateKey, keyId);
  }

  /** Base64 Ed25519 signature over the head's canonical JSON; the head must name this key. */
  sign(head: ChainHead): string {
    if (head.sleutelId !== this.keyId) throw new Error(`head names key ${head.sleutelId}, but this signer holds ${this.keyId}`);
    return sign(null, headMessage(head), this.privateKey).toString('base64');
  }

  /** This signer's public key, as a verifier trusts it. */
  get trusted(): TrustedKeys {
    return new Map([[this.keyId, this.publicKey]]);
  }
}

/** Public keys a verifier trusts, by key id. Come from configuration, never from the database being verified. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

/** Whether `signature` is a valid Ed25519 signature of `head` by `publicKey`. */
export function verifyHead(head: ChainHead, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, headMessage(head), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function fingerprint(publicKey: KeyObject): string {
  return `ed25519-${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)}`;
}

/**
 * Reads an Ed25519 private key from configuration: PKCS#8 PEM (newlines may be written as `\n`,
 * as env files often need), or the base64 of its DER. The error names the expected forms, never
 * the value.
 */
export function parseSigningKey(value: string): KeyObject {
  const text = value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n') : null;
  try {
    const key = text ? createPrivateKey(text) : createPrivateKey({ key: Buffer.from(value.trim(), 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new TypeError('audit signing key must be an Ed25519 private key as PKCS#8 PEM or base64 DER');
  }
}

/**
 * Public keys to trust besides the signer's own, from configuration: `keyId=base64 SPKI DER`
 * pairs separated by commas (keys that signed heads before a rotation).
 */
export function parseTrustedKeys(value: string | undefined): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (!value) return keys;
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=');
    const id = pair.slice(0, at).trim();
    if (at <= 0 || !id) throw new TypeError('trusted audit keys must be keyId=base64 pairs separated by commas');
    try {
      const key = createPublicKey({ key: Buffer.from(pair.slice(at + 1).trim(), 'base64'), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
      keys.set(id, key);
    } catch {
      throw new TypeError(`trusted audit key ${id} must be an Ed25519 public key as base64 SPKI DER`);
    }
  }
  return keys;
}

/**
 * The development signing key under `dataDir`, created on first use (mode 0600), like the
 * development token issuer's key. A real deployment passes its own key from configuration:
 * whoever can read this file can sign heads.
 */
export function devSigningKey(dataDir: string): AuditSigner {
  const path = join(dataDir, 'audit-signing-key.pem');
  if (!existsSync(path)) {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Several parts starting at once on one DATA_DIR: the first one's key wins.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new AuditSigner(createPrivateKey(readFileSync(path, 'utf8')));
}
