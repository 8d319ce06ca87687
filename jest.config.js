/** @type {import('jest').Config} */
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/packages/.*/dist/'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // An ES module that @fastify/static (Swagger UI's file server) requires;
    // Node 20 loads it natively, jest needs it compiled to CommonJS.
    'node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testEnvironment: 'node',
  // The server and the example service import the guard package; tests cover its source.
  moduleNameMapper: {
    '^latchkey/guard$': '<rootDir>/src/guard',
    '^@latchkey/guard$': '<rootDir>/packages/guard/src',
    '^@latchkey/guard/(.*)$': '<rootDir>/packages/guard/src/$1',
  },
};

// The same e2e suite runs once per database; `npm test` runs all of them and
// fails (never skips) when MariaDB or Redis cannot be reached.
const e2e = (name) => ({
  ...common,
  displayName: `e2e:${name}`,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  setupFiles: [`<rootDir>/test/setup/${name}.env.ts`],
  globalSetup: `<rootDir>/test/setup/${name}.global.ts`,
});

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/packages/*/src/**/*.spec.ts'],
    },
    e2e('sqlite'),
    e2e('mariadb'),
    // The web console in Chromium against the real service on SQLite: it is a
    // client of the HTTP API only, which the e2e projects cover on both databases.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/sqlite.env.ts'],
      globalSetup: '<rootDir>/test/setup/browser.global.ts',
    },
  ],
};
