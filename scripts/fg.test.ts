import { connection, DEFAULT_URL, FgError, parseInvocation, table } from './fg';

/** The command line of `npm run fg`; test/e2e/fg.test.ts runs it against a started hub. */

const usage = (argv: string[]) => {
  try {
    parseInvocation(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(FgError);
    expect((err as FgError).exitCode).toBe(2);
    return (err as FgError).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('fg command line', () => {
  it('reads each command with its options', () => {
    expect(parseInvocation(['inzage', '999990019', '--csv', '--van', '2026-01-01'])).toMatchObject({ command: 'inzage', bsn: '999990019', csv: true, json: false, van: '2026-01-01' });
    expect(parseInvocation(['verify', '--json', '--url', 'http://hub:4000/graphql'])).toMatchObject({ command: 'verify', json: true, url: 'http://hub:4000/graphql' });
    expect(parseInvocation(['snuffel', '--van', '2026-01-01', '--tot', '2026-01-02', '--buiten-caseload', '2', '--factor-boven-mediaan', '2.5'])).toMatchObject({
      command: 'snuffel',
      drempels: { buitenCaseload: 2, factorBovenMediaan: 2.5 },
    });
    expect(parseInvocation(['vernietigingen', '--all'])).toMatchObject({ command: 'vernietigingen', all: true });
    expect(parseInvocation(['vernietigingen', '--first', '10', '--after', 'abc'])).toMatchObject({ first: 10, after: 'abc' });
    expect(parseInvocation(['--help']).command).toBe('help');
    expect(parseInvocation(['inzage', '--help']).command).toBe('help');
  });

  it('refuses wrong use with status 2, never repeating a BSN it was given', () => {
    expect(usage([])).toMatch(/no command/);
    expect(usage(['inzag', '999990019'])).toMatch(/unknown command/);
    expect(usage(['inzage'])).toMatch(/exactly one burgerservicenummer/);
    const bad = usage(['inzage', '99999001']);
    expect(bad).toMatch(/nine digits/);
    expect(bad).not.toContain('99999001');
    expect(usage(['inzage', '999990019', '--csv', '--json'])).toMatch(/exclude each other/);
    expect(usage(['verify', '--csv'])).toMatch(/verify takes no --csv/);
    expect(usage(['snuffel', '--van', '2026-01-01'])).toMatch(/needs --van and --tot/);
    expect(usage(['snuffel', '--van', '2026-01-01', '--tot', '2026-01-02', '--buiten-caseload', 'veel'])).toMatch(/--buiten-caseload must be a number/);
    expect(usage(['vernietigingen', '--first', '501'])).toMatch(/1 to 500/);
    expect(usage(['vernietigingen', '--all', '--first', '5'])).toMatch(/--all/);
    expect(usage(['verify', '--tokn', 'x'])).toMatch(/tokn/);
  });

  it('takes the gateway and token from options, then the environment, and mints none when an issuer is configured', async () => {
    await expect(connection({}, { FG_TOKEN: 't' })).resolves.toEqual({ url: DEFAULT_URL, token: 't' });
    await expect(connection({ url: 'https://hub.example/graphql', token: 'u' }, { GATEWAY_URL: 'http://other/graphql', FG_TOKEN: 't' })).resolves.toEqual({ url: 'https://hub.example/graphql', token: 'u' });
    await expect(connection({ url: 'file:///etc/passwd' }, { FG_TOKEN: 't' })).rejects.toMatchObject({ exitCode: 2 });
    const env = { AUTH_ISSUER: 'https://login.example', AUTH_JWKS_URL: 'https://login.example/jwks', AUTH_AUDIENCE: 'ontschot' };
    await expect(connection({}, env)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/pass --token or set FG_TOKEN/) });
  });

  it('pads columns to their widest cell and lets the last run on', () => {
    expect(table(['A', 'BB', 'C'], [['xxx', 1, 'lang verhaal'], ['é', null, '']])).toBe(['A    BB  C', 'xxx  1   lang verhaal', 'é'].join('\n'));
  });
});
