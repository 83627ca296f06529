import { KG_GRANT } from './kg-grant.profile.js';
import { KZ_TWO_ROUND } from './kz-two-round.profile.js';
import type { ProcedureProfile } from './procedure-profile.js';
import { UA_COMPETITION } from './ua-competition.profile.js';

export type * from './procedure-profile.js';

/** Every procedure profile a programme may follow, by id. */
export const PROFILES = {
  [KG_GRANT.id]: KG_GRANT,
  [KZ_TWO_ROUND.id]: KZ_TWO_ROUND,
  [UA_COMPETITION.id]: UA_COMPETITION,
} as const satisfies Record<string, ProcedureProfile>;

export type ProfileId = keyof typeof PROFILES;

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

/** Thrown for a profile id no programme may use (the engine answers it as a client error). */
export class UnknownProfileError extends Error {
  constructor(readonly profileId: string) {
    super(`Unknown procedure profile "${profileId}"; known: ${PROFILE_IDS.join(', ')}`);
    this.name = 'UnknownProfileError';
  }
}

export function isProfileId(id: string): id is ProfileId {
  return Object.hasOwn(PROFILES, id);
}

export function getProfile(id: string): ProcedureProfile {
  if (!isProfileId(id)) throw new UnknownProfileError(id);
  return PROFILES[id];
}
