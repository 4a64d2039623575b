// Entry for jest.config.js `globalTeardown`; the package must be built first (dist/).
module.exports = require('./dist/jest-global-setup').globalTeardown;
