import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PURPOSES } from '../policy';
import { loadVerwerkingsregister } from './register';

describe('register of processing activities', () => {
  it('links every purpose to exactly one activity', () => {
    const register = loadVerwerkingsregister();
    for (const p of PURPOSES) expect(register.activityFor(p).doelen).toContain(p);
    expect(register.activityFor('AUDIT').id).toBe('VA-SD-06');
    expect(register.activity('VA-SD-01')?.grondslag).toMatch(/Wmo 2015/);
  });

  const write = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'register-')), 'r.yaml');
    writeFileSync(path, text);
    return path;
  };
  const shipped = readFileSync(join(__dirname, 'verwerkingsactiviteiten.yaml'), 'utf8');

  it('refuses a register that leaves a purpose without activity', () => {
    const path = write(shipped.replace('doelen: [LEERPLICHT]', 'doelen: [PARTICIPATIE]'));
    expect(() => loadVerwerkingsregister(path)).toThrow(/PARTICIPATIE belongs to both VA-SD-03 and VA-SD-04.*LEERPLICHT belongs to no activity/);
  });

  it('refuses unknown purposes, bad ids and missing fields, naming each', () => {
    const path = write(shipped.replace('doelen: [AUDIT]', 'doelen: [NIEUWSGIERIGHEID]').replace('id: VA-SD-01', 'id: va 1').replace(/\n    grondslag: "AVG art. 6 lid 1 sub e; Participatiewet art. 7"/, ''));
    expect(() => loadVerwerkingsregister(path)).toThrow(/activiteiten\.0\.id.*activiteiten\.2\.grondslag.*activiteiten\.5\.doelen\.0/);
  });

  it('keeps a retired activity for old records but does not use it for new ones', () => {
    const retired = shipped.replace('  - id: VA-SD-06', '  - id: VA-SD-00\n    naam: Oude audit\n    doelen: [AUDIT]\n    grondslag: x\n    categorieenBetrokkenen: [x]\n    categorieenPersoonsgegevens: [x]\n    ontvangers: [x]\n    bewaartermijn: x\n    beeindigd: "2025-01-01"\n  - id: VA-SD-06');
    const register = loadVerwerkingsregister(write(retired));
    expect(register.activityFor('AUDIT').id).toBe('VA-SD-06');
    expect(register.activity('VA-SD-00')?.beeindigd).toBe('2025-01-01');
  });
});
