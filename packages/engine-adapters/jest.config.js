// Two projects: unit tests touch no network; integration tests get real PostgreSQL and MariaDB
// from @credential-rotation/test-services (build it first: npx tsc -p ../test-services/tsconfig.build.json).
const preset = require('../../jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  // Real servers on a busy 2-core machine; suites that restart a server set more themselves. Jest
  // reads testTimeout from the top level only (in a project it is ignored with a warning).
  testTimeout: 60_000,
  projects: [
    {
      ...preset,
      rootDir: __dirname,
      displayName: 'unit',
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/'],
    },
    {
      ...preset,
      rootDir: __dirname,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '@credential-rotation/test-services/jest-global-setup-databases',
      globalTeardown: '@credential-rotation/test-services/jest-global-teardown',
    },
  ],
};
