import { checkIsoDate, checkIsoMoment, checkPeriod, DATE_YEARS, isPublicErrorCode } from './errors';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'accepted';
};

describe('dates from clients', () => {
  it('accepts only calendar dates that exist, in the years the hub knows', () => {
    for (const ok of ['2024-02-29', '2026-12-31', `${DATE_YEARS.from}-01-01`, `${DATE_YEARS.to}-12-31`]) expect(checkIsoDate(ok, 'd')).toBe(ok);
    for (const bad of ['0000-01-01', '2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '9999-99-99', '1899-12-31', '2200-01-01', '2026-1-1', ' 2026-01-01', '2026-01-01T00:00:00Z', 20260101]) {
      expect({ bad, code: refused(() => checkIsoDate(bad, 'd')) }).toEqual({ bad, code: 'BAD_USER_INPUT' });
    }
  });

  it('reads a moment as an instant, a date as its start in UTC', () => {
    expect(checkIsoMoment('2026-11-23', 'm')).toBe('2026-11-23T00:00:00.000Z');
    expect(checkIsoMoment('2026-11-23T09:00:00+01:00', 'm')).toBe('2026-11-23T08:00:00.000Z');
    expect(checkIsoMoment('2026-11-23T09:00Z', 'm')).toBe('2026-11-23T09:00:00.000Z');
    for (const bad of ['2026-02-30T10:00:00Z', '2026-11-23T24:00:00Z', '2026-11-23T09:60Z', '2026-11-23T09:00:00', '2026-11-23T09:00:00+15:00', '0000-01-01T00:00:00Z']) {
      expect({ bad, code: refused(() => checkIsoMoment(bad, 'm')) }).toEqual({ bad, code: 'BAD_USER_INPUT' });
    }
  });

  it('wants a period to start before it ends, and no longer than it may be', () => {
    expect(checkPeriod('2026-01-01', '2026-01-02')).toEqual({ van: '2026-01-01T00:00:00.000Z', tot: '2026-01-02T00:00:00.000Z' });
    expect(checkPeriod(null, '2026-01-02')).toEqual({ van: null, tot: '2026-01-02T00:00:00.000Z' });
    expect(refused(() => checkPeriod('2026-01-02', '2026-01-01'))).toBe('BAD_USER_INPUT');
    expect(refused(() => checkPeriod('2026-01-01', '2026-01-01'))).toBe('BAD_USER_INPUT');
    expect(refused(() => checkPeriod('2025-01-01', '2026-01-03', { maxDays: 366 }))).toBe('BAD_USER_INPUT');
    expect(refused(() => checkPeriod('2025-01-01', '2026-01-02', { maxDays: 366 }))).toBe('accepted');
  });

  it('lets the query-limit codes through subgraph error formatting', () => {
    for (const code of ['QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'OPERATION_NOT_TRUSTED']) expect(isPublicErrorCode(code)).toBe(true);
  });
});
