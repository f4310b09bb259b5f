import { createHash } from 'node:crypto';
import { startTestHub, type GraphQLBody, type TestHub } from '../support/hub';

/**
 * Doors in the consent register and in the ids the API hands out, tried through the real
 * gateway: consent without evidence, a destruction request on the strength of a consent, the
 * household id and the cursors as oracles, revoking ids one may not revoke, and two requests that
 * reuse one trace id.
 */

const REGISTER = 'mutation($i: ToestemmingInput!) { registreerToestemming(input: $i) { id status bewijs { kanaal referentie ondertekendOp geregistreerdDoor } } }';
const CONSENT = { betrokkene: '999990032', gegevenDoor: '999990032', ontvanger: 'mee', domeinen: ['WMO'], doel: 'INTEGRALE_AANPAK' };
const BEWIJS = { kanaal: 'FORMULIER', referentie: 'TOE-2026-0099', ondertekendOp: '2026-11-01' };
const codes = (res: GraphQLBody) => (res.errors ?? []).map((e) => e.extensions?.code);

describe('the register and the ids hold', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t?.close());

  it('registers no consent without evidence of how it was obtained, and keeps the evidence with it', async () => {
    const without = await t.post({ query: REGISTER, variables: { i: CONSENT } }, { authorization: `Bearer ${await t.token('regisseur')}`, 'x-purpose': 'INTEGRALE_AANPAK' });
    expect(without.status).toBe(400);
    expect(await t.hub.db.query("SELECT 1 FROM toestemming WHERE betrokkene = '999990032'")).toEqual([]);
    const vague = await t.query('regisseur', 'INTEGRALE_AANPAK', REGISTER, { variables: { i: { ...CONSENT, bewijs: { ...BEWIJS, referentie: 'mondeling akkoord van 999990032' } } } });
    expect(codes(vague)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(vague)).not.toContain('999990032');
    const done = await t.query('regisseur', 'INTEGRALE_AANPAK', REGISTER, { variables: { i: { ...CONSENT, bewijs: BEWIJS } } });
    expect(done.errors).toBeUndefined();
    expect(done.data!.registreerToestemming).toMatchObject({ status: 'ACTIEF', bewijs: { ...BEWIJS, geregistreerdDoor: 'dev-regisseur' } });
    const history = await t.query('regisseur', 'INTEGRALE_AANPAK', '{ toestemmingen(burgerservicenummer: "999990032") { bewijs { referentie } } }');
    expect(history.data!.toestemmingen).toEqual([{ bewijs: { referentie: BEWIJS.referentie } }]);
  });

  it('lets no desk and no consent file a destruction request: only the privacy officer, on the person’s behalf', async () => {
    const file = (role: 'regisseur' | 'wmo-consulent' | 'privacy-officer', purpose: string) =>
      t.query(role, purpose, 'mutation { registreerVernietigingsverzoek(input: { betrokkene: "999990111", domein: "WMO" }) { id } }');
    // The regisseur with a consent in force for Wmo, and the Wmo desk on its statutory task.
    await t.query('regisseur', 'INTEGRALE_AANPAK', REGISTER, { variables: { i: { ...CONSENT, betrokkene: '999990111', gegevenDoor: '999990111', ontvanger: 'gemeente', bewijs: BEWIJS } } });
    expect(codes(await file('regisseur', 'INTEGRALE_AANPAK'))).toEqual(['FORBIDDEN']);
    expect(codes(await file('wmo-consulent', 'WMO_ONDERSTEUNING'))).toEqual(['FORBIDDEN']);
    expect(await t.hub.db.query("SELECT 1 FROM vernietigingsverzoek WHERE betrokkene = '999990111'")).toEqual([]);
    const officer = await file('privacy-officer', 'AUDIT');
    expect(officer.errors).toBeUndefined();
    expect(await t.hub.db.query("SELECT 1 FROM vernietigingsverzoek WHERE betrokkene = '999990111'")).toHaveLength(1);
  });

  it('answers a revocation alike whether or not the id exists, for whoever may not revoke', async () => {
    const registered = await t.query('regisseur', 'INTEGRALE_AANPAK', REGISTER, { variables: { i: { ...CONSENT, betrokkene: '999990019', gegevenDoor: '999990019', bewijs: BEWIJS } } });
    const real = registered.data!.registreerToestemming.id as string;
    const made_up = '00000000-0000-4000-8000-000000000000';
    const revoke = (role: 'wmo-consulent' | 'partner', purpose: string, id: string, org?: string) => t.query(role, purpose, 'mutation($id: ID!) { trekToestemmingIn(id: $id) { status } }', { variables: { id }, org });
    for (const [role, purpose] of [['wmo-consulent', 'WMO_ONDERSTEUNING']] as const) {
      const a = await revoke(role, purpose, real);
      const b = await revoke(role, purpose, made_up);
      expect(a).toEqual(b);
      expect(codes(a)).toEqual(['FORBIDDEN']);
    }
    // The consent is still in force.
    const history = await t.query('regisseur', 'INTEGRALE_AANPAK', '{ toestemmingen(burgerservicenummer: "999990019") { id status } }');
    expect(history.data!.toestemmingen).toContainEqual({ id: real, status: 'ACTIEF' });
  });

  it('hands out household ids no one can compute from the address', async () => {
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ huishouden(burgerservicenummer: "999990019") { id } }');
    const id = res.data!.huishouden.id as string;
    const [{ aoid }] = await t.hub.db.query<{ aoid: string }>("SELECT adresseerbaar_object_id AS aoid FROM brp_persoon WHERE bsn = '999990019'");
    // What the id used to be: a truncated SHA-256 of the BAG id, found by enumerating BAG ids.
    for (const guess of [`huishouden:${aoid}`, aoid]) {
      const digest = createHash('sha256').update(guess).digest();
      expect(id).not.toBe(digest.toString('hex').slice(0, 24));
      expect(id).not.toBe(digest.toString('base64url').slice(0, 24));
    }
    expect(id).not.toContain(aoid);
  });

  it('hands out cursors that can be neither read nor forged', async () => {
    const page = await t.query('privacy-officer', 'AUDIT', '{ auditRecords(filter: {}, first: 1) { edges { cursor node { id tijdstip } } } }');
    const [edge] = page.data!.auditRecords.edges;
    const decoded = Buffer.from(edge.cursor, 'base64url').toString('latin1');
    expect(decoded).not.toContain(edge.node.id);
    expect(decoded).not.toContain(edge.node.tijdstip.slice(0, 10));
    // A cursor written the way they used to be (base64 JSON of the position) is refused.
    const forged = Buffer.from(JSON.stringify([edge.node.tijdstip, edge.node.id])).toString('base64url');
    const res = await t.query('privacy-officer', 'AUDIT', 'query($after: String) { auditRecords(filter: {}, first: 1, after: $after) { edges { node { id } } } }', { variables: { after: forged } });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('tells the records of two requests apart even when the caller reuses one trace id', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    for (let i = 0; i < 2; i++) {
      await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } } }', { headers: { traceparent } });
    }
    const rows = await t.hub.db.query<{ span_id: string }>("SELECT DISTINCT span_id FROM audit_record WHERE trace_id = '4bf92f3577b34da6a3ce929d0e0e4736' AND bron = 'gateway'");
    expect(rows).toHaveLength(2);
    // And neither is the caller's own parent id: the hub names its requests itself.
    expect(rows.map((r) => r.span_id)).not.toContain('00f067aa0ba902b7');
  });
});
