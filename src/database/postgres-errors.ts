import { QueryFailedError } from 'typeorm';

/** SQLSTATE 23505: a unique constraint refused the row (e.g. two requests racing). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}
