// Two projects: unit tests touch no network; integration tests get real PostgreSQL and moto from
// @credential-rotation/test-services (and fail when a service binary is missing).
const preset = require('../../jest.preset.js');

module.exports = {
  // Integration scenarios run real rotations and several full reports against moto.
  testTimeout: 120_000,
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/jest-global-setup.js',
      globalTeardown: '@credential-rotation/test-services/jest-global-teardown',
    },
  ],
};
