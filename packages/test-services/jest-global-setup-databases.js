// Entry for jest.config.js `globalSetup` when only PostgreSQL and MariaDB are needed; build dist/ first.
module.exports = require('./dist/jest-global-setup').databasesGlobalSetup;
