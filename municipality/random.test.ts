import { Rng } from './random';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draw(new Rng(2015), 100)).toEqual(draw(new Rng(2015), 100));
    expect(draw(new Rng(2015), 100)).not.toEqual(draw(new Rng(2016), 100));
  });

  it('derives independent, repeatable streams per label', () => {
    const root = new Rng(7);
    expect(draw(root.derive('wmo'), 20)).toEqual(draw(new Rng(7).derive('wmo'), 20));
    expect(draw(root.derive('wmo'), 20)).not.toEqual(draw(root.derive('jeugd'), 20));
    // Deriving does not consume the parent stream.
    const a = new Rng(7);
    a.derive('x');
    expect(draw(a, 5)).toEqual(draw(new Rng(7), 5));
  });

  it('draws integers within bounds, roughly uniformly', () => {
    const rng = new Rng(1);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.int(0, 5)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('respects weights', () => {
    const rng = new Rng(3);
    let a = 0;
    for (let i = 0; i < 20_000; i++) if (rng.weighted([['a', 3], ['b', 1], ['c', 0]] as const) === 'a') a++;
    expect(a / 20_000).toBeGreaterThan(0.72);
    expect(a / 20_000).toBeLessThan(0.78);
  });
});
