// The stand-in on its own: raw HTTP, no adapter code (see index.ts on why they stay apart).
import { buildMunicipality, jeugdToewijzing } from '../testing/municipality-fixture';
import { startJeugdSimulator, type JeugdSimulator } from './index';

describe('Jeugd stand-in', () => {
  let sim: JeugdSimulator;

  beforeEach(async () => {
    sim = await startJeugdSimulator({
      municipality: buildMunicipality({ count: 4, started: 2, stopped: 1 }),
      now: () => new Date('2025-06-02T10:00:00Z'),
    });
  });
  afterEach(() => sim.close());

  const get = async (query: string) => {
    const response = await fetch(`${sim.url}/berichten${query}`);
    return { status: response.status, body: await response.text(), headers: response.headers };
  };

  it('turns toewijzingen into JW301, JW305 and JW307 messages in date order', async () => {
    expect(sim.messageCount).toBe(4 + 2 + 1);
    const { status, body, headers } = await get('');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Berichtenfeed volgende="[A-Za-z0-9_-]+" meer="false" aantal="7">/);
    const kinds = [...body.matchAll(/<Bericht positie="(\d+)" soort="(JW30\d)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(kinds).toEqual(['1:JW301', '2:JW305', '3:JW301', '4:JW305', '5:JW301', '6:JW301', '7:JW307']);
    expect(body).toContain('<jw301:BerichtCode>436</jw301:BerichtCode>');
    expect(body).toContain('<jw305:BerichtCode>438</jw305:BerichtCode>');
    expect(body).toContain('<jw307:BerichtCode>440</jw307:BerichtCode>');
    expect(body).toContain('xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema"');
    // Names that need escaping are escaped, not dropped or broken.
    expect(body).toContain('Bakker &amp; Zn &lt;test&gt;');
    expect(body).toContain('<ijw:Voorvoegsel>van &apos;t</ijw:Voorvoegsel>');
  });

  it('pages by cursor and appends what is published', async () => {
    const first = await get('?aantal=5');
    const volgende = /volgende="([^"]+)"/.exec(first.body)![1];
    expect(first.body).toContain('meer="true"');
    sim.publish({ soort: 'JW305', toewijzing: jeugdToewijzing(3), startZorg: '2025-06-01' });
    const rest = await get(`?vanaf=${volgende}&aantal=5`);
    expect([...rest.body.matchAll(/positie="(\d+)"/g)].map((m) => m[1])).toEqual(['6', '7', '8']);
    expect(rest.body).toContain('<ijw:Identificatie>JW3050000008</ijw:Identificatie><ijw:Dagtekening>2025-06-02</ijw:Dagtekening>');
  });

  it('redelivers a message byte for byte at a new position', async () => {
    sim.redeliver(0);
    const { body } = await get('');
    const messages = [...body.matchAll(/<Bericht positie="\d+" soort="JW30\d">(.*?)<\/Bericht>(?=<Bericht |<\/Berichtenfeed)/g)].map((m) => m[1]);
    expect(messages).toHaveLength(8);
    expect(messages[7]).toBe(messages[0]);
    expect(() => sim.redeliver(99)).toThrow(RangeError);
  });

  it('answers bad parameters with 400 and a small XML error', async () => {
    for (const query of ['?aantal=0', '?aantal=1001', '?aantal=tien', '?aantal=']) {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect(body).toContain('<Fout code="ONGELDIGE_PARAMETER">');
    }
    for (const query of ['?vanaf=', '?vanaf=bogus!', `?vanaf=${Buffer.from('p99').toString('base64url')}`]) {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect(body).toContain('<Fout code="ONGELDIGE_CURSOR">');
    }
    expect((await fetch(`${sim.url}/anders`)).status).toBe(404);
    expect((await fetch(`${sim.url}/berichten`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 while unavailable and counts every request', async () => {
    sim.setAvailable(false);
    const down = await get('');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    sim.setAvailable(true);
    expect((await get('')).status).toBe(200);
    expect(sim.requests).toBe(2);
  });
});
