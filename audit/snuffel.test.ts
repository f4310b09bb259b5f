import { detectSnuffelen, type ActorActivity } from './snuffel';

const actor = (sub: string, rollen = ['wmo-consulent'], organisatie = 'gemeente') => ({ sub, organisatie, rollen });
const act = (sub: string, personen: number, buitenCaseload: string[] = [], rollen?: string[]): ActorActivity => ({ actor: actor(sub, rollen), personen, buitenCaseload });

describe('snooping signals', () => {
  it('flags an actor far above the median of peers with the same roles', () => {
    const signals = detectSnuffelen([act('a', 10), act('b', 12), act('c', 14), act('d', 11), act('e', 60)]);
    expect(signals).toEqual([{ actor: actor('e'), soort: 'VEEL_PERSONEN', aantalPersonen: 60, drempel: 34.5, mediaanCollegas: 11.5, personen: [] }]);
  });

  it('does not flag at or below the absolute floor, however quiet the peers', () => {
    expect(detectSnuffelen([act('a', 1), act('b', 1), act('c', 1), act('d', 20)])).toEqual([]);
    expect(detectSnuffelen([act('a', 1), act('b', 1), act('c', 1), act('d', 21)]).map((s) => s.actor.sub)).toEqual(['d']);
  });

  it('uses the absolute ceiling when there are too few peers to compare with', () => {
    expect(detectSnuffelen([act('a', 100), act('b', 5)])).toEqual([]);
    expect(detectSnuffelen([act('a', 101), act('b', 5)])).toEqual([expect.objectContaining({ soort: 'VEEL_PERSONEN', drempel: 100, mediaanCollegas: null })]);
  });

  it('compares only with peers of the same roles', () => {
    const signals = detectSnuffelen([act('a', 5), act('b', 5), act('c', 5), act('klm', 80, [], ['klantmanager-wi']), act('d', 6)]);
    expect(signals).toEqual([]);
  });

  it('flags persons outside the caseload from the threshold on, listing them', () => {
    expect(detectSnuffelen([act('a', 3, ['999990044', '999990032'])])).toEqual([]);
    expect(detectSnuffelen([act('a', 3, ['999990044', '999990032', '999990007'])])).toEqual([
      { actor: actor('a'), soort: 'BUITEN_CASELOAD', aantalPersonen: 3, drempel: 2, mediaanCollegas: null, personen: ['999990007', '999990032', '999990044'] },
    ]);
    expect(detectSnuffelen([act('a', 1, ['999990044'])], { buitenCaseload: 1 })).toHaveLength(1);
  });
});
