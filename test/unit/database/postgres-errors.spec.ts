import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from '../../../src/database/postgres-errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const failedQuery = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it('recognises a server that refuses, resets or is shutting down', () => {
    expect(
      isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(
        failedQuery(withCode('terminating connection due to administrator command', '57P01')),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(failedQuery(withCode('the database system is starting up', '57P03'))),
    ).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(withCode('connection failure', '08006')))).toBe(true);
  });

  it('does not take a failed query or a bug for an outage', () => {
    const duplicate = failedQuery(withCode('duplicate key value', '23505'));
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(withCode('syntax error', '42601')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
