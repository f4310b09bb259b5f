/** Unit tests live beside the code (*.test.ts); cross-service tests in test/. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|m?j)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // cockatiel 4 ships ES modules only; jest's CommonJS runtime needs them compiled like our own code.
  transformIgnorePatterns: ['/node_modules/(?!cockatiel/)'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  // End-to-end tests start real servers; give them room but keep every test well under a minute.
  testTimeout: 60000,
  // Two cores: two test files at a time, so Postgres and Redis tests do not starve each other.
  maxWorkers: 2,
};
