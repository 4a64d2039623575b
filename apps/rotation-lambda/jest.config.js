// Two projects: unit tests touch no network; integration tests get real PostgreSQL, MariaDB
// and moto from @credential-rotation/test-services (and fail when a service binary is missing).
const preset = require('../../jest.preset.js');

module.exports = {
  // Integration scenarios run several full rotations against real servers.
  testTimeout: 60_000,
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '@credential-rotation/test-services/jest-global-setup',
      globalTeardown: '@credential-rotation/test-services/jest-global-teardown',
    },
  ],
};
