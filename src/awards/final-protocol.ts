import type { EntityManager } from 'typeorm';
import type { EvaluationProtocolDocument } from '../evaluation/evaluation-protocol.js';

/** The protocol whose ranking the award follows: the lot's last round closed. */
export interface FinalProtocol {
  round: number;
  /** As locked (jsonb): read through rankingOf and applicationScoresOf, never trusted blindly. */
  protocol: Record<string, unknown>;
  protocolHash: string;
  closedAt: Date;
}

/** One ranked application as the protocol ranks it (tied applications share a rank). */
export interface RankedApplication {
  applicationId: string;
  rank: number;
  score: number | null;
}

/** An application's aggregated scores as the protocol gives them; absent ones are null. */
export type PublishedScores = Pick<
  EvaluationProtocolDocument['applications'][number],
  'aggregate' | 'normalisedAggregate' | 'count' | 'min' | 'max' | 'stddev' | 'highSpread'
>;

export async function finalProtocolOf(
  manager: EntityManager,
  lotId: string,
): Promise<FinalProtocol | null> {
  const [row] = (await manager.query(
    `SELECT round, protocol, protocol_hash AS "protocolHash", closed_at AS "closedAt"
     FROM evaluation_protocols WHERE lot_id = $1 AND superseded_at IS NULL
     ORDER BY round DESC LIMIT 1`,
    [lotId],
  )) as FinalProtocol[];
  return row ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * The ranked applications in rank order (`ranking.entries` of EvaluationProtocolDocument).
 * Entries without an application id or a whole rank are left out.
 */
export function rankingOf(protocol: Record<string, unknown>): RankedApplication[] {
  const ranking = protocol.ranking;
  const entries = isRecord(ranking) && Array.isArray(ranking.entries) ? ranking.entries : [];
  return entries
    .filter(
      (entry): entry is Record<string, unknown> =>
        isRecord(entry) &&
        typeof entry.applicationId === 'string' &&
        Number.isInteger(entry.rank) &&
        (entry.rank as number) >= 1,
    )
    .map((entry) => ({
      applicationId: entry.applicationId as string,
      rank: entry.rank as number,
      score: numberOrNull(entry.score),
    }))
    .sort((a, b) => a.rank - b.rank);
}

/** Aggregated scores per application id (`applications` of EvaluationProtocolDocument). */
export function applicationScoresOf(
  protocol: Record<string, unknown>,
): Map<string, PublishedScores> {
  const applications = Array.isArray(protocol.applications) ? protocol.applications : [];
  const scores = new Map<string, PublishedScores>();
  for (const application of applications) {
    if (!isRecord(application) || typeof application.applicationId !== 'string') continue;
    scores.set(application.applicationId, {
      aggregate: numberOrNull(application.aggregate),
      normalisedAggregate: numberOrNull(application.normalisedAggregate),
      count: numberOrNull(application.count) ?? 0,
      min: numberOrNull(application.min),
      max: numberOrNull(application.max),
      stddev: numberOrNull(application.stddev),
      highSpread: application.highSpread === true,
    });
  }
  return scores;
}

/** Keys that would carry a member's own scores: never published (the protocol has none). */
const INDIVIDUAL_KEYS: ReadonlySet<string> = new Set(['sheets', 'scoreSheets', 'points']);

/**
 * The protocol as published: as locked, but without anything that holds a member's individual
 * scores, at any depth. The protocol is built without them, so this removes nothing and the
 * published JSON still matches protocolHash; it is the guard should one ever slip in.
 */
export function publicProtocol(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicProtocol);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !INDIVIDUAL_KEYS.has(key))
      .map(([key, field]) => [key, publicProtocol(field)]),
  );
}
