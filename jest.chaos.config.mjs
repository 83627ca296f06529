import base from './jest.config.mjs';

/** The chaos suite: processes killed, Redis and PostgreSQL stopped; run by `npm run test:chaos`. */
export default {
  ...base,
  roots: ['<rootDir>/test/chaos'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300000,
};
