/** Jest in native-ESM mode (NestJS 12 is ESM-only); run through `npm test`. */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // The chaos suite kills and restarts services: `npm run test:chaos` (jest.chaos.config.mjs).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/chaos/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 30000,
};
