module.exports = {
  ...require('../../jest.preset.js'),
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
