/**
 * One Jest run: unit specs beside the code, database/HTTP and browser tests in test/.
 * NestJS 12 ships ES modules only; Jest's CommonJS runtime cannot require() them on Node 20,
 * so those packages are transpiled to CommonJS by babel-jest (our own TypeScript goes through ts-jest).
 */
const ESM_PACKAGES = ['@nestjs', '@formatjs', 'intl-messageformat', 'csrf-sync', 'file-type', 'strtok3', 'token-types', 'peek-readable', 'uint8array-extras', '@tokenizer', 'load-esm', 'uid'];

module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec|browser-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
    '^.+\\.m?js$': [
      'babel-jest',
      { babelrc: false, configFile: false, plugins: [require.resolve('./test/setup/babel-import-meta.js'), '@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-commonjs'] },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/setup/no-overlapping-queries.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
