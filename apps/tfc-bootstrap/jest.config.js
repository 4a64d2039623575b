module.exports = {
  ...require('../../jest.preset.js'),
  // cdktf's Testing matchers (toHaveResourceWithProperties and friends).
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
