import { createHash } from 'node:crypto';
import pg from 'pg';

/** Distinct statements one connection prepares at most; further ones run unprepared. */
const MOST_PREPARED = 500;
/** Distinct statements one connection remembers having seen once. */
const MOST_SEEN = 5000;

type PreparedClient = pg.Client & { prepared?: Set<string>; seen?: Set<string> };

/**
 * A pg client class whose connections prepare each parameterised statement that comes a second
 * time (named by its text's hash) and afterwards only bind and execute it: parsing and planning
 * were about two thirds of the database's time per statement on the transition and firing paths
 * (measured). For servers with a backend per connection only: not the embedded server, whose
 * connections share one backend, nor a pooler in transaction mode (DATABASE_PREPARE_STATEMENTS).
 */
export function preparingClient(): typeof pg.Client {
  class PreparingClient extends pg.Client {}
  const query = pg.Client.prototype.query;
  PreparingClient.prototype.query = function (
    this: PreparedClient,
    config: unknown,
    values?: unknown,
    callback?: unknown,
  ) {
    // Statements without parameters stay as they are: a batch of several (statement-batch.ts)
    // cannot be prepared, and BEGIN or COMMIT gain nothing.
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const prepared = (this.prepared ??= new Set());
      const seen = (this.seen ??= new Set());
      const name = `s${createHash('sha1').update(config).digest('base64url').slice(0, 20)}`;
      // Only the second time: one-off texts (lists of varying length) do not take the places
      // of the statements that repeat.
      if (prepared.has(name) || (seen.has(name) && prepared.size < MOST_PREPARED)) {
        prepared.add(name);
        return query.call(
          this,
          { name, text: config, values } as never,
          undefined as never,
          callback as never,
        );
      }
      if (seen.size < MOST_SEEN) seen.add(name);
    }
    return query.call(this, config as never, values as never, callback as never);
  } as typeof query;
  return PreparingClient;
}
