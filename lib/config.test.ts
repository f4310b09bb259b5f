import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, secretWeakness } from './config';

const production = {
  NODE_ENV: 'production',
  AUTH_ISSUER: 'https://idp.gemeente.example',
  AUTH_JWKS_URL: 'https://idp.gemeente.example/jwks',
  AUTH_AUDIENCE: 'ontschot',
  INTERNAL_CONTEXT_KEY: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY: 'a configured key (parsed when the audit log starts)',
  STUF_KENNISGEVING_KEY: randomBytes(32).toString('base64url'),
  ID_KEY: randomBytes(32).toString('base64'),
};

/** The message of the ConfigError `load` throws, or null when it does not throw. */
function refusal(env: Record<string, string>): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('loadConfig outside production', () => {
  it('is development mode without AUTH_*, also when they are empty strings, and says it is not production', () => {
    expect(loadConfig({})).toMatchObject({ devAuth: true, production: false, AUTH_MAX_TOKEN_LIFETIME_S: 3600 });
    expect(loadConfig({ AUTH_ISSUER: '', AUTH_JWKS_URL: '', AUTH_AUDIENCE: '' })).toMatchObject({ devAuth: true });
  });

  it('allows an http JWKS anywhere and a development INTERNAL_CONTEXT_KEY of 32 characters', () => {
    expect(loadConfig({ AUTH_ISSUER: 'i', AUTH_JWKS_URL: 'http://idp.test/jwks', AUTH_AUDIENCE: 'a', INTERNAL_CONTEXT_KEY: 'x'.repeat(32), STUF_KENNISGEVING_KEY: 'k'.repeat(32) })).toMatchObject({ devAuth: false });
  });

  it('reads AUTH_MAX_TOKEN_LIFETIME_S within one minute to one day', () => {
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME_S: '900' }).AUTH_MAX_TOKEN_LIFETIME_S).toBe(900);
    expect(refusal({ AUTH_MAX_TOKEN_LIFETIME_S: '10' })).toMatch(/AUTH_MAX_TOKEN_LIFETIME_S/);
    expect(refusal({ AUTH_MAX_TOKEN_LIFETIME_S: String(7 * 86400) })).toMatch(/AUTH_MAX_TOKEN_LIFETIME_S/);
  });
});

describe('loadConfig with NODE_ENV=production', () => {
  it('accepts a complete configuration, an http JWKS on a loopback host included', () => {
    expect(loadConfig(production)).toMatchObject({ devAuth: false, production: true });
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) expect(loadConfig({ ...production, AUTH_JWKS_URL: `http://${host}:8080/jwks` }).production).toBe(true);
  });

  it('lists every missing setting in one message, empty strings counted as missing', () => {
    const message = refusal({ NODE_ENV: 'production', AUTH_ISSUER: '', AUTH_JWKS_URL: '', AUTH_AUDIENCE: '', INTERNAL_CONTEXT_KEY: '' });
    for (const key of ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_AUDIENCE', 'INTERNAL_CONTEXT_KEY', 'AUDIT_SIGNING_KEY', 'ID_KEY']) expect(message).toMatch(new RegExp(`^  ${key}: required`, 'm'));
  });

  it('lists format problems and production problems together', () => {
    const message = refusal({ ...production, PORT: 'vierduizend', AUDIT_SIGNING_KEY: '' });
    expect(message).toMatch(/^  PORT:/m);
    expect(message).toMatch(/^  AUDIT_SIGNING_KEY:/m);
  });

  it('refuses an AUTH_JWKS_URL that is not https, naming it but not its value', () => {
    for (const url of ['http://idp.gemeente.example/jwks', 'http://127.0.0.1.nip.io/jwks', 'ftp://idp.gemeente.example/jwks']) {
      const message = refusal({ ...production, AUTH_JWKS_URL: url });
      expect(message).toMatch(/^  AUTH_JWKS_URL: expected an https URL/m);
      expect(message).not.toContain(url);
    }
  });

  it('refuses a weak INTERNAL_CONTEXT_KEY without printing it', () => {
    for (const key of ['x'.repeat(64), 'abcdefgh'.repeat(5), 'a'.repeat(24) + 'bcdefghij', 'change-me-to-a-secret-of-at-least-32-chars']) {
      const message = refusal({ ...production, INTERNAL_CONTEXT_KEY: key });
      expect(message).toMatch(/^  INTERNAL_CONTEXT_KEY: too weak/m);
      expect(message).not.toContain(key);
    }
  });
});

describe('secretWeakness', () => {
  it('lets random keys of 32 characters and more through, hex included', () => {
    for (let i = 0; i < 2000; i++) {
      expect(secretWeakness(randomBytes(16).toString('hex'))).toBeNull();
      expect(secretWeakness(randomBytes(24).toString('base64'))).toBeNull();
    }
  });

  it('names what is wrong', () => {
    expect(secretWeakness('short')).toMatch(/at least 32 characters/);
    expect(secretWeakness('ab'.repeat(20))).toMatch(/at least 8 different characters/);
    expect(secretWeakness('0123456789abcdef'.repeat(2))).toMatch(/not one piece repeated/);
    expect(secretWeakness('a'.repeat(24) + 'bcdefghij')).toMatch(/unevenly spread/);
  });
});

describe('metrics and traces settings', () => {
  it('has no metrics listener and no traces unless configured', () => {
    const c = loadConfig({});
    expect(c.METRICS_PORT).toBeUndefined();
    expect(c.METRICS_HOST).toBe('127.0.0.1');
    expect(c.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(c.OTEL_SERVICE_NAME).toBe('ontschot');
  });

  it('refuses a metrics listener beyond loopback without METRICS_TOKEN, and never prints the token', () => {
    expect(refusal({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toMatch(/METRICS_TOKEN: required when METRICS_HOST is not a loopback address/);
    expect(refusal({ METRICS_PORT: '9464', METRICS_HOST: '::1' })).toBeNull();
    const token = randomBytes(32).toString('base64url');
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: token })).toMatchObject({ METRICS_PORT: 9464, METRICS_TOKEN: token });
    const weak = 'a'.repeat(40);
    const message = refusal({ ...production, METRICS_PORT: '9464', METRICS_TOKEN: weak });
    expect(message).toMatch(/METRICS_TOKEN: too weak/);
    expect(message).not.toContain(weak);
  });

  it('refuses an OTLP endpoint that is not a URL', () => {
    expect(refusal({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT: expected an http/);
    expect(refusal({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://collector:4318');
  });
});
