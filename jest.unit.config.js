/** Unit specs only (no database): fast feedback while editing pure code. */
const base = require('./jest.config.js');
module.exports = { ...base, roots: ['<rootDir>/src'], testRegex: '.*\\.spec\\.ts$', globalSetup: undefined, globalTeardown: undefined };
