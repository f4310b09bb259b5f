import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  afterEach(() => jest.useRealTimers());

  it('forgets entries a lifetime after they were set, a re-set entry counting from its new time', () => {
    jest.useFakeTimers();
    const m = new ExpiringMap<number>(1000);
    m.set('a', 1);
    jest.advanceTimersByTime(600);
    m.set('b', 2);
    m.set('a', 3);
    jest.advanceTimersByTime(600);
    // 'a' was set again at 600 ms, so it outlives the first 'a' and stays in expiry order.
    expect(m.get('a')).toBe(3);
    expect(m.get('b')).toBe(2);
    jest.advanceTimersByTime(500);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBeUndefined();
    expect(m.size).toBe(0);
  });
});
