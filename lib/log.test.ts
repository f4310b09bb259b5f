import { captureLogger } from '../test/support/log';
import { loggableOperationName } from './log';

describe('the hub logger', () => {
  it('writes an error as its class and code, never its message, however it is handed over', () => {
    const { logger, lines } = captureLogger('info');
    const err = Object.assign(new Error('duplicate key value violates unique constraint: Key (bsn)=(999990019) already exists'), { code: '23505' });
    logger.error({ err }, 'write failed');
    logger.error(err);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'write failed', err: { type: 'Error', code: '23505' } }),
      expect.objectContaining({ level: 'error', msg: 'error', err: { type: 'Error', code: '23505' } }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('999990019');
  });

  it('redacts authorization and cookie headers, passwords and tokens wherever they are logged by mistake', () => {
    const { logger, lines } = captureLogger('info');
    logger.info({ headers: { authorization: 'Bearer eyJsecret', cookie: 'sid=1', accept: 'application/json' }, config: { password: 'hunter2' }, token: 'eyJother' }, 'oops');
    expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' }, config: { password: '[redacted]' }, token: '[redacted]' });
  });

  it('shows a request (as Fastify would log it) as method and path, without query string, headers or body', () => {
    const { logger, lines } = captureLogger('info');
    logger.info({ req: { method: 'GET', url: '/graphql?query={persoon(burgerservicenummer:"999990019")}', headers: { authorization: 'Bearer x' }, body: { bsn: '999990019' } } }, 'incoming');
    expect(lines[0].req).toEqual({ method: 'GET', path: '/graphql' });
  });

  it('keeps operation names, without runs of digits and without what is no GraphQL name', () => {
    expect(loggableOperationName('PartnerHuishouden')).toBe('PartnerHuishouden');
    expect(loggableOperationName('Persoon999990019')).toBe('Persoon#');
    expect(loggableOperationName('Q1')).toBe('Q1');
    expect(loggableOperationName('not a name 999990019')).toBeNull();
    expect(loggableOperationName(undefined)).toBeNull();
  });

  it('writes nothing below its level', () => {
    const { logger, lines } = captureLogger('info');
    logger.debug('detail');
    logger.info('news');
    expect(lines.map((l) => l.msg)).toEqual(['news']);
  });
});
