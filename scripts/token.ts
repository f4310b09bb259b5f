/**
 * Prints a development JWT that a hub started in development mode accepts:
 *   npm run token -- --role wmo-consulent [--org mee] [--sub alice]
 */
import { parseArgs } from 'node:util';
import { issueDevToken } from '../gateway/auth';
import { ConfigError, loadConfig, type Config } from '../lib/config';
import { isRole, ROLES } from '../policy/types';

function main(): void {
  const { values } = parseArgs({ options: { role: { type: 'string' }, org: { type: 'string' }, sub: { type: 'string' } } });
  if (!isRole(values.role)) {
    console.error(`usage: npm run token -- --role ROLE [--org ORG] [--sub ID]\n  ROLE is one of: ${ROLES.join(', ')}`);
    process.exit(2);
  }
  if (values.role === 'partner' && !values.org) {
    console.error('a partner token needs --org (the organisation consent must name, e.g. mee)');
    process.exit(2);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    // The operator's to fix: the message names the variable, a stack trace would only bury it.
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
  if (!config.devAuth) {
    console.error('AUTH_ISSUER is set: this hub accepts tokens from that issuer only, not development tokens.');
    process.exit(2);
  }
  // As long as the hub accepts (AUTH_MAX_TOKEN_LIFETIME_S), no longer.
  issueDevToken(config.DATA_DIR, { role: values.role, org: values.org, sub: values.sub, ttlSeconds: config.AUTH_MAX_TOKEN_LIFETIME_S }).then((t) => console.log(t));
}

main();
