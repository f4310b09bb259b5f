import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { AuthError, createTokenVerifier, DEV_AUDIENCE, DEV_ISSUER, devIssuerKeys, issueDevToken } from './auth';

describe('development issuer and verifier', () => {
  const root = mkdtempSync(join(tmpdir(), 'ontschot-auth-'));
  const dataDir = join(root, 'data');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A token of the development issuer with exactly these claims (none filled in). */
  const devToken = async (claims: Record<string, unknown>) => {
    const keys = await devIssuerKeys(dataDir);
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: keys.kid }).sign(await importJWK(keys.privateJwk, 'ES256'));
  };

  it('keeps its private key in a file of its own user only', async () => {
    await devIssuerKeys(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'dev-issuer.json')).mode & 0o777).toBe(0o600);
  });

  it('issues tokens for exactly the maximum lifetime, which the verifier accepts', async () => {
    const verify = await createTokenVerifier({ mode: 'dev', dataDir });
    const token = await issueDevToken(dataDir, { role: 'wmo-consulent' });
    const { exp, iat } = decodeJwt(token);
    expect(exp! - iat!).toBe(3600);
    await expect(verify(token)).resolves.toEqual({ sub: 'dev-wmo-consulent', organisatie: null, rollen: ['wmo-consulent'] });
  });

  it('refuses a token living longer than the maximum lifetime, which is configurable', async () => {
    const token = await issueDevToken(dataDir, { role: 'wmo-consulent', ttlSeconds: 7200 });
    await expect((await createTokenVerifier({ mode: 'dev', dataDir }))(token)).rejects.toThrow(AuthError);
    await expect((await createTokenVerifier({ mode: 'dev', dataDir, maxTokenLifetimeS: 7200 }))(token)).resolves.toMatchObject({ rollen: ['wmo-consulent'] });
  });

  it('refuses malformed claims with an AuthError, never another error', async () => {
    const verify = await createTokenVerifier({ mode: 'dev', dataDir });
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'x', roles: ['regisseur'], iat: now, exp: now + 60 };
    for (const bad of [{ sub: 7 }, { sub: '' }, { sub: 'x'.repeat(256) }, { roles: 'geen-rol' }, { roles: null }, { roles: [7] }, { org: ['mee'] }, { org: null }, { iat: 'gisteren' }, { iat: now + 120 }]) {
      await expect(verify(await devToken({ ...base, ...bad }))).rejects.toThrow(AuthError);
    }
    const { exp: _exp, ...withoutExp } = base;
    await expect(verify(await devToken(withoutExp))).rejects.toThrow(AuthError);
    // A single role as a string, and roles the hub does not know beside one it does, are fine.
    await expect(verify(await devToken({ ...base, roles: 'regisseur' }))).resolves.toMatchObject({ rollen: ['regisseur'] });
    await expect(verify(await devToken({ ...base, roles: ['mail-gebruiker', 'regisseur'], org: 'mee' }))).resolves.toEqual({ sub: 'x', organisatie: 'mee', rollen: ['regisseur'] });
  });
});
