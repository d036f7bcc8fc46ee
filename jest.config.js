// Test tiers live in the file name: *.unit.spec.ts (no I/O), *.lint.spec.ts (the
// repository's rules, read from its files), *.int.spec.ts (real PostgreSQL / Kafka),
// *.e2e.spec.ts (whole services as processes). See docs/testing.md.
const { root, paths, swcOptions } = require('./scripts/swc-options.cjs');

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const { sourceMaps, ...jestSwc } = swcOptions;
const base = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...jestSwc, swcrc: false }] },
  moduleNameMapper,
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    // The KurrentDB adapter's contract run needs a server; none can be had on these machines.
    ...(process.env.KURRENTDB_CONNECTION_STRING ? [] : ['/libs/event-store/src/kurrentdb/']),
  ],
};

module.exports = {
  // Jest reads the timeout globally, not per project: generous, since int and e2e tests
  // start real servers (unit tests finish long before it matters).
  testTimeout: 120000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    // The repository's own rules, checked by reading its files (tools/lint): no servers.
    { ...base, displayName: 'lint', testMatch: ['**/*.lint.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
