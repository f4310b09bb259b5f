import { createHmac } from 'node:crypto';
import { InternalContextSigner } from './internal-context';
import type { RequestContext } from './types';

const ctx: RequestContext = {
  actor: { sub: 'u', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
  doel: 'WMO_ONDERSTEUNING',
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  operationName: null,
  documentHash: null,
};

describe('InternalContextSigner', () => {
  const signer = new InternalContextSigner('k'.repeat(40));

  it('round-trips a context', async () => {
    expect(await signer.verify(await signer.sign(ctx))).toEqual(ctx);
  });

  it('refuses another key, a changed payload, a missing header and garbage', async () => {
    const token = await signer.sign(ctx);
    expect(await new InternalContextSigner('x'.repeat(40)).verify(token)).toBeNull();
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.ctx.actor.rollen = ['privacy-officer'];
    expect(await signer.verify(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`)).toBeNull();
    expect(await signer.verify(undefined)).toBeNull();
    expect(await signer.verify('a.b')).toBeNull();
    expect(await signer.verify(`${h}.${p}.`)).toBeNull();
  });

  it('refuses a stale context and a role it does not know, even when correctly signed', async () => {
    const key = 'k'.repeat(40);
    const forge = (claims: object) => {
      const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
      const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    expect(await signer.verify(forge({ ctx, iss: 'ontschot-gateway', aud: 'ontschot-subgraph', exp: now + 60 }))).toEqual(ctx);
    expect(await signer.verify(forge({ ctx, iss: 'ontschot-gateway', aud: 'ontschot-subgraph', exp: now - 1 }))).toBeNull();
    expect(await signer.verify(forge({ ctx: { ...ctx, actor: { ...ctx.actor, rollen: ['root'] } }, iss: 'ontschot-gateway', aud: 'ontschot-subgraph', exp: now + 60 }))).toBeNull();
    expect(await signer.verify(forge({ ctx, iss: 'someone', aud: 'ontschot-subgraph', exp: now + 60 }))).toBeNull();
  });

  it('checks a header it has seen once only, still refuses it once stale, and hands out a context nobody can change', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const fresh = new InternalContextSigner('k'.repeat(40));
      const header = await fresh.sign(ctx);
      const first = await fresh.verify(header);
      expect(await fresh.verify(header)).toBe(first);
      expect(() => (first!.actor.rollen as string[]).push('privacy-officer')).toThrow(TypeError);
      // Past its exp (60 s) the same header is refused, remembered or not.
      jest.advanceTimersByTime(61_000);
      expect(await fresh.verify(header)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('needs a key of at least 32 characters', () => {
    expect(() => new InternalContextSigner('short')).toThrow(RangeError);
  });
});
