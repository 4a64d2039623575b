// The report's integration tests need PostgreSQL (real rotations) and moto; MariaDB is not started.
module.exports = require('@credential-rotation/test-services').createGlobalSetup(['postgres', 'moto']);
