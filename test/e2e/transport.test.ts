import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { startTestHub, type GraphQLBody, type TestHub } from '../support/hub';

/**
 * The gateway reaches the subgraphs of its own process by a call (SUBGRAPH_TRANSPORT=in-process,
 * the default) or over HTTP with the signed context (`http`, and always when parts run apart).
 * Which one must change nothing a caller or a privacy officer can see: the same data, errors and
 * warnings, and the same audit records for each request. Two real hubs over the same generated
 * municipality, one per transport, are asked the same things and compared.
 */

const DOSSIER = `query Dossier($bsn: String!) {
  huishouden(burgerservicenummer: $bsn) {
    domeinen
    leden {
      burgerservicenummer
      naam { volledigeNaam }
      wmo { voorzieningen { productCategorie productCode } bron { systeem gesynchroniseerdOp } }
      jeugd { jeugdhulp { productCategorie startZorg stopZorg } }
      werkEnInkomen { uitkeringen { soort besluiten { soort } } }
      leerplicht { inschrijvingen { onderwijssoort } verzuimmeldingen { soort } }
    }
    tijdlijn { datum domein bron soort betrokkene { burgerservicenummer } }
  }
}`;

/** What is asked: by whom, for what purpose; answered in full, in part, or refused in part. */
const CASES: Array<{ name: string; role: string; purpose: string; query: string; variables?: Record<string, unknown>; refusesPart?: true }> = [
  { name: 'a household dossier without consent (withheld domains)', role: 'regisseur', purpose: 'INTEGRALE_AANPAK', query: DOSSIER, variables: { bsn: '999990019' }, refusesPart: true },
  { name: "a Wmo client's dossier", role: 'wmo-consulent', purpose: 'WMO_ONDERSTEUNING', query: '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCode omschrijving ingangsdatum } } } }' },
  { name: 'a domain the role may not see', role: 'wmo-consulent', purpose: 'WMO_ONDERSTEUNING', query: '{ persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { productCategorie } } wmo { voorzieningen { productCode } } } }', refusesPart: true },
  { name: 'several persons at once', role: 'leerplichtambtenaar', purpose: 'LEERPLICHT', query: '{ a: persoon(burgerservicenummer: "999990044") { leerplicht { inschrijvingen { onderwijssoort } verzuimmeldingen { soort } } } b: persoon(burgerservicenummer: "999990093") { leerplicht { inschrijvingen { onderwijssoort } } } }' },
  { name: 'a person outside the municipality', role: 'wmo-consulent', purpose: 'WMO_ONDERSTEUNING', query: '{ persoon(burgerservicenummer: "999990950") { naam { volledigeNaam } wmo { voorzieningen { productCode } } } }' },
];

/** An answer without what differs by when each hub synced: the times it did. */
function comparable(body: GraphQLBody): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) => (key === 'gesynchroniseerdOp' ? '(time)' : value));
}

describe('the subgraph transport changes no answer and no audit record', () => {
  let inProcess: TestHub;
  let http: TestHub;
  beforeAll(async () => {
    [inProcess, http] = await Promise.all([startTestHub(), startTestHub({ env: { SUBGRAPH_TRANSPORT: 'http' } })]);
  });
  afterAll(async () => {
    await Promise.all([inProcess?.close(), http?.close()]);
  });

  /** Asks one hub under a trace of its own; returns the answer and the audit records of that trace. */
  const ask = async (t: TestHub, c: (typeof CASES)[number]) => {
    const trace = randomBytes(16).toString('hex');
    const res = await t.post(
      { query: c.query, variables: c.variables },
      { authorization: `Bearer ${await t.token(c.role as Parameters<TestHub['token']>[0])}`, 'x-purpose': c.purpose, traceparent: `00-${trace}-b7ad6b7169203331-01` },
    );
    const rows = await t.hub.db.query<Record<string, unknown>>(
      `SELECT soort, bron, verwerkingsactiviteit, betrokkene, actor_rollen, doel, operatie, document_hash, verstrekt, geweigerd, status, http_status
         FROM audit_record WHERE trace_id = $1 ORDER BY bron, soort, betrokkene NULLS FIRST, verwerkingsactiviteit`,
      [trace],
    );
    return { status: res.status, body: comparable(res.body), records: rows };
  };

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const [a, b] = await Promise.all([ask(inProcess, c), ask(http, c)]);
    expect(a.status).toBe(b.status);
    expect(a.body).toEqual(b.body);
    // Where a part is refused, the refusal is in both: errors are compared too, not only data.
    if (c.refusesPart) expect((a.body as GraphQLBody).errors?.length).toBeGreaterThan(0);
    // Something was asked of a subgraph, and it was recorded: the comparison is not of two empties.
    expect(a.records.some((r) => r.soort === 'VERWERKING' || r.bron !== 'gateway')).toBe(true);
    expect(a.records).toEqual(b.records);
  });

  it('reaches the subgraphs over their ports only with SUBGRAPH_TRANSPORT=http', async () => {
    const counted = async (t: TestHub) => {
      const before = subgraphRequests(t);
      await ask(t, CASES[1]);
      return subgraphRequests(t) - before;
    };
    expect(await counted(inProcess)).toBe(0);
    expect(await counted(http)).toBeGreaterThan(0);
  });
});

/** Requests each local port has served: the hubs run in this process, so their servers' requests are seen here. */
const served = new Map<number, number>();
subscribe('http.server.request.start', (message) => {
  const port = (message as { socket?: Socket }).socket?.localPort;
  if (port !== undefined) served.set(port, (served.get(port) ?? 0) + 1);
});

/** Requests the hub's subgraph servers have served so far. */
function subgraphRequests(t: TestHub): number {
  return t.hub.subgraphs.reduce((n, s) => n + (served.get(Number(new URL(s.url).port)) ?? 0), 0);
}
