/** Unit tests live beside the code (*.test.ts); cross-service tests in test/. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // ESM-only packages that the hub's own dependencies require (Node 20 loads them with
    // require(esm); Jest's module system does not): compiled to CommonJS for the tests.
    '^.+/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  // End-to-end tests start real servers; give them room but keep every test well under a minute.
  testTimeout: 60000,
  // Two cores: two test files at a time, so Postgres and Redis tests do not starve each other.
  maxWorkers: 2,
};
