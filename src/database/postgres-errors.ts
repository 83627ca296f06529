import { QueryFailedError } from 'typeorm';

/** SQLSTATE 23505: a unique constraint refused the row (e.g. two requests racing). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}

/** The server cannot be reached: refused, reset, timed out (the pg driver's network errors). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
/** SQLSTATEs of a server going away or not up yet: shutdown, crash shutdown, starting. */
const GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

/**
 * The database is away for the moment (stopped, restarting, unreachable), as opposed to a
 * query that failed: the request may succeed if tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  if (!(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Class 08: connection exceptions.
    if (UNREACHABLE.has(code) || GOING_AWAY.has(code) || code.startsWith('08')) return true;
  }
  return /^Connection terminated|timeout exceeded when trying to connect/.test(cause.message);
}
