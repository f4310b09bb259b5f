import { addMonths, addYears, ageOn, day, iso, parseIso, parts, schoolYearOf, schoolYearStart, weekday } from './dates';

describe('day arithmetic', () => {
  it('agrees with Date for every day from 1900 to 2100', () => {
    const mismatches: number[] = [];
    for (let d = day(1900, 1, 1); d <= day(2100, 12, 31); d++) {
      const js = new Date(d * 86_400_000);
      const p = parts(d);
      if (p.year !== js.getUTCFullYear() || p.month !== js.getUTCMonth() + 1 || p.day !== js.getUTCDate() || iso(d) !== js.toISOString().slice(0, 10)) mismatches.push(d);
      if (mismatches.length > 3) break;
    }
    expect(mismatches).toEqual([]);
  });

  it('parses only real ISO dates', () => {
    expect(iso(parseIso('2024-02-29'))).toBe('2024-02-29');
    expect(() => parseIso('2023-02-29')).toThrow(RangeError);
    expect(() => parseIso('2023-13-01')).toThrow(RangeError);
    expect(() => parseIso('01-11-2026')).toThrow(/expected an ISO date/);
  });

  it('clamps to the end of the month when adding years or months', () => {
    expect(iso(addYears(parseIso('2024-02-29'), 1))).toBe('2025-02-28');
    expect(iso(addYears(parseIso('2024-02-29'), 4))).toBe('2028-02-29');
    expect(iso(addMonths(parseIso('2026-01-31'), 1))).toBe('2026-02-28');
    expect(iso(addMonths(parseIso('2026-11-01'), -14))).toBe('2025-09-01');
  });

  it('starts the school year on the Monday of 22–28 August', () => {
    for (let y = 2000; y < 2040; y++) {
      const d = schoolYearStart(y);
      expect(weekday(d)).toBe(1);
      expect(parts(d).month).toBe(8);
      expect(parts(d).day).toBeGreaterThanOrEqual(22);
      expect(parts(d).day).toBeLessThanOrEqual(28);
    }
    expect(schoolYearOf(parseIso('2026-11-01'))).toBe(2026);
    expect(schoolYearOf(parseIso('2026-07-01'))).toBe(2025);
  });
});

describe('ageOn', () => {
  it('counts completed years, and says null when the BRP date cannot tell', () => {
    expect(ageOn({ year: 2008, month: 12, day: 16 }, '2026-11-01')).toBe(17);
    expect(ageOn({ year: 2008, month: 11, day: 1 }, '2026-11-01')).toBe(18);
    expect(ageOn({ year: 1950, month: 3 }, '2026-11-01')).toBe(76);
    expect(ageOn({ year: 1950, month: 11 }, '2026-11-01')).toBeNull();
    expect(ageOn({ year: 1950 }, '2026-11-01')).toBeNull();
    expect(ageOn({}, '2026-11-01')).toBeNull();
  });
});
