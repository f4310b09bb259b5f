import { createHash, createHmac } from 'node:crypto';
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
const KEY = 'k'.repeat(40);
const BODY = '{"query":"{ _entities(representations: $r) { ... on Persoon { wmo { voorzieningen { productCode } } } } }","variables":{"r":[]}}';

/** A correctly signed header with whatever claims, for what the signer itself never writes. */
function forge(claims: object, key = KEY): string {
  const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
}
const hashOf = (body: string) => createHash('sha256').update(body).digest('base64url');
const claimsOf = (header: string) => JSON.parse(Buffer.from(header.split('.')[1], 'base64url').toString());

describe('InternalContextSigner', () => {
  const signer = new InternalContextSigner(KEY);

  it('round-trips a context for its subgraph and body, from the context or from it prepared', () => {
    expect(signer.verify(signer.sign(ctx, 'wmo', BODY), 'wmo', BODY)).toEqual(ctx);
    expect(signer.verify(signer.sign(signer.prepare(ctx), 'wmo', BODY), 'wmo', BODY)).toEqual(ctx);
    // The body as the subgraph reads it: bytes.
    expect(signer.verify(signer.sign(ctx, 'wmo', BODY), 'wmo', Buffer.from(BODY))).toEqual(ctx);
    // Any character a token's sub or a client's operation name may hold survives the header.
    const odd: RequestContext = { ...ctx, actor: { ...ctx.actor, sub: 'ü/ö\n"}' }, operationName: '😀' };
    expect(signer.verify(signer.sign(signer.prepare(odd), 'wmo', BODY), 'wmo', BODY)).toEqual(odd);
  });

  it('writes a compact JWS naming the subgraph, the SHA-256 of the body and an expiry seconds away', () => {
    const header = signer.sign(ctx, 'werk-inkomen', BODY);
    expect(header).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = claimsOf(header);
    expect(claims).toMatchObject({ ctx, iss: 'ontschot-gateway', aud: 'werk-inkomen', bh: hashOf(BODY) });
    expect(claims.exp - claims.iat).toBe(10);
  });

  it('refuses a context minted for another subgraph', () => {
    const header = signer.sign(ctx, 'wmo', BODY);
    expect(signer.verify(header, 'jeugd', BODY)).toBeNull();
    expect(signer.verify(header, 'wmo ', BODY)).toBeNull();
    expect(signer.verify(header, '', BODY)).toBeNull();
  });

  it('refuses a context with any other body, down to one byte', () => {
    const header = signer.sign(ctx, 'wmo', BODY);
    expect(signer.verify(header, 'wmo', BODY.replace('productCode', 'omschrijving'))).toBeNull();
    expect(signer.verify(header, 'wmo', `${BODY} `)).toBeNull();
    expect(signer.verify(header, 'wmo', '')).toBeNull();
    // The same text in another encoding is other bytes.
    expect(signer.verify(signer.sign(ctx, 'wmo', '{"q":"é"}'), 'wmo', Buffer.from('{"q":"é"}', 'latin1'))).toBeNull();
  });

  it('refuses a context once it expired, and one valid for longer than it ever signs', () => {
    let now = Date.parse('2026-11-23T10:00:00.000Z');
    const clocked = new InternalContextSigner(KEY, { now: () => now });
    const header = clocked.sign(ctx, 'wmo', BODY);
    now += 10_999;
    expect(clocked.verify(header, 'wmo', BODY)).toEqual(ctx);
    now += 1;
    expect(clocked.verify(header, 'wmo', BODY)).toBeNull();
    // A whole minute, as the gateway used to sign: refused even while "valid".
    const secs = Math.floor(Date.now() / 1000);
    expect(signer.verify(forge({ ctx, iss: 'ontschot-gateway', aud: 'wmo', bh: hashOf(BODY), iat: secs, exp: secs + 60 }), 'wmo', BODY)).toBeNull();
    expect(signer.verify(forge({ ctx, iss: 'ontschot-gateway', aud: 'wmo', bh: hashOf(BODY), iat: secs, exp: secs + 10 }), 'wmo', BODY)).toEqual(ctx);
  });

  it('refuses another key, a changed payload, a missing header and garbage', () => {
    const header = signer.sign(ctx, 'wmo', BODY);
    expect(new InternalContextSigner('x'.repeat(40)).verify(header, 'wmo', BODY)).toBeNull();
    const [h, p, s] = header.split('.');
    const claims = claimsOf(header);
    for (const change of [{ aud: 'jeugd' }, { bh: hashOf('{}') }, { exp: claims.exp + 1 }, { ctx: { ...ctx, actor: { ...ctx.actor, rollen: ['privacy-officer'] } } }]) {
      expect(signer.verify(`${h}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${s}`, 'wmo', BODY)).toBeNull();
    }
    expect(signer.verify(undefined, 'wmo', BODY)).toBeNull();
    expect(signer.verify('', 'wmo', BODY)).toBeNull();
    expect(signer.verify('a.b', 'wmo', BODY)).toBeNull();
    expect(signer.verify(`${h}.${p}.`, 'wmo', BODY)).toBeNull();
    expect(signer.verify(forge({ ctx, iss: 'ontschot-gateway', aud: 'wmo', bh: hashOf(BODY), exp: claims.exp }).replace(/^[\w-]+/, 'eyJhbGciOiJub25lIn0'), 'wmo', BODY)).toBeNull();
  });

  it('refuses correctly signed claims it would never write', () => {
    const exp = Math.floor(Date.now() / 1000) + 10;
    const good = { ctx, iss: 'ontschot-gateway', aud: 'wmo', bh: hashOf(BODY), exp };
    expect(signer.verify(forge(good), 'wmo', BODY)).toEqual(ctx);
    const without = (key: keyof typeof good) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));
    for (const claims of [
      without('aud'),
      without('bh'),
      without('exp'),
      without('ctx'),
      { ...good, iss: 'someone' },
      // The audience the gateway used to write for every subgraph at once.
      { ...good, aud: 'ontschot-subgraph' },
      { ...good, aud: ['wmo'] },
      { ...good, exp: String(exp) },
      { ...good, ctx: { ...ctx, actor: { ...ctx.actor, rollen: ['root'] } } },
      { ...good, ctx: { ...ctx, doel: 'NIEUWSGIERIGHEID' } },
    ]) {
      expect(signer.verify(forge(claims), 'wmo', BODY)).toBeNull();
    }
    expect(signer.verify(forge([good] as unknown as object), 'wmo', BODY)).toBeNull();
  });

  it('lets nothing inside a prepared context stand in for the claims that follow it', () => {
    // A context whose JSON were spliced in raw and tried to name another subgraph: the claims
    // written after it win, so the header still names the subgraph it was signed for.
    const sneaky = Buffer.from(`${JSON.stringify(ctx).slice(0, -1)},"x":1},"aud":"jeugd","bh":"${hashOf('{}')}"`).toString('base64url');
    const header = signer.sign(sneaky as ReturnType<InternalContextSigner['prepare']>, 'wmo', BODY);
    expect(signer.verify(header, 'jeugd', '{}')).toBeNull();
  });

  it('hands out a context nobody can change', () => {
    const verified = signer.verify(signer.sign(ctx, 'wmo', BODY), 'wmo', BODY)!;
    expect(() => (verified.actor.rollen as string[]).push('privacy-officer')).toThrow(TypeError);
    expect(() => ((verified as { doel: string }).doel = 'AUDIT')).toThrow(TypeError);
  });

  it('needs a key of at least 32 characters', () => {
    expect(() => new InternalContextSigner('short')).toThrow(RangeError);
  });
});
