import type { EntityManager } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid as an SQL literal, for statements sent without parameters (checked, so inert). */
export function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new TypeError(`not a uuid: ${id}`);
  return `'${id.toLowerCase()}'::uuid`;
}

/** A text as an SQL escape-string literal: inert whatever standard_conforming_strings says. */
export function textLiteral(text: string): string {
  return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * Several read statements in one round trip, in the manager's transaction: PostgreSQL's simple
 * query protocol takes them together (and so no parameters: interpolate only literals made
 * inert, e.g. uuidLiteral). Rows come back per statement, typed as a single query's would be.
 */
export async function queryBatch(
  manager: EntityManager,
  statements: readonly string[],
): Promise<Record<string, unknown>[][]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as {
      query(
        sql: string,
      ): Promise<{ rows: Record<string, unknown>[] }[] | { rows: Record<string, unknown>[] }>;
    };
    const results = await client.query(statements.join(';\n'));
    return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
