const preset = require('../../jest.preset.js');

// Two projects: unit tests touch no network; integration tests get real PostgreSQL, MariaDB and moto
// from test-services' global setup, which fails (never skips) when a service binary is missing.
/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 180000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '@credential-rotation/test-services/jest-global-setup',
      globalTeardown: '@credential-rotation/test-services/jest-global-teardown',
    },
  ],
};
