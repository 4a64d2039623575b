// Entry for jest.config.js `globalSetup`; the package must be built first (dist/).
module.exports = require('./dist/jest-global-setup').globalSetup;
