import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditSigner, devSigningKey, parseSigningKey, parseTrustedKeys, verifyHead, type ChainHead } from './signing';

describe('signed chain heads', () => {
  const signer = AuditSigner.generate();
  const head: ChainHead = { stroom: 'wmo:abc', volgnummer: 42, hash: 'f'.repeat(64), tijdstip: '2026-11-23T10:00:00.000Z', sleutelId: signer.keyId };

  it('verifies a signature over the head with the signer public key', () => {
    expect(verifyHead(head, signer.sign(head), signer.publicKey)).toBe(true);
    expect(signer.keyId).toMatch(/^ed25519-[0-9a-f]{16}$/);
  });

  it('fails when any part of the head, or the signature, is altered', () => {
    const signature = signer.sign(head);
    for (const altered of [{ ...head, volgnummer: 41 }, { ...head, hash: 'e'.repeat(64) }, { ...head, stroom: 'wmo:abd' }, { ...head, tijdstip: '2026-11-23T10:00:00.001Z' }, { ...head, sleutelId: 'other' }]) {
      expect(verifyHead(altered, signature, signer.publicKey)).toBe(false);
    }
    const bytes = Buffer.from(signature, 'base64');
    bytes[0] ^= 1;
    expect(verifyHead(head, bytes.toString('base64'), signer.publicKey)).toBe(false);
    expect(verifyHead(head, 'not base64 at all', signer.publicKey)).toBe(false);
    expect(verifyHead(head, signature, AuditSigner.generate().publicKey)).toBe(false);
  });

  it('refuses to sign a head that names another key', () => {
    expect(() => signer.sign({ ...head, sleutelId: 'someone-else' })).toThrow(/names key someone-else/);
  });

  it('reads keys from configuration as PEM (also with escaped newlines) or base64 DER, never echoing them', () => {
    const pem = (signer as unknown as { privateKey: import('node:crypto').KeyObject }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = (signer as unknown as { privateKey: import('node:crypto').KeyObject }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    for (const value of [pem, pem.replace(/\n/g, '\\n'), der]) expect(new AuditSigner(parseSigningKey(value)).keyId).toBe(signer.keyId);
    expect(() => parseSigningKey('secret-looking-garbage')).toThrow(/^audit signing key must be an Ed25519 private key as PKCS#8 PEM or base64 DER$/);
    const spki = signer.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const trusted = parseTrustedKeys(`old-key=${spki}`);
    expect(verifyHead({ ...head, sleutelId: signer.keyId }, signer.sign(head), trusted.get('old-key')!)).toBe(true);
    expect(() => parseTrustedKeys('no-equals-sign')).toThrow(/keyId=base64/);
  });

  it('keeps one development key under DATA_DIR, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    try {
      const a = devSigningKey(dir);
      const b = devSigningKey(dir);
      expect(b.keyId).toBe(a.keyId);
      expect(statSync(join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
