import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toJson, toMermaid } from '../../../workflows/export.js';
import { PROFILE_IDS } from '../../../workflows/profiles/index.js';

const DIAGRAMS = join(process.cwd(), 'workflows', 'diagrams');

describe('toJson', () => {
  it('describes nested states, guarded transitions and meta when exporting a profile', () => {
    const json = toJson('kz-two-round');
    expect(json.initial).toBe('draft');
    const evaluation = json.states.find((state) => state.name === 'evaluation');
    const secondRound = evaluation?.states.find((s) => s.name === 'evaluation.secondRound');
    expect(secondRound).toMatchObject({
      type: 'compound',
      initial: 'evaluation.secondRound.scoring',
    });
    const open = json.states
      .find((state) => state.name === 'callForBids')
      ?.states.find((state) => state.key === 'open');
    expect(open?.meta?.deadline?.kind).toBe('callClose');
    expect(open?.transitions).toContainEqual({
      event: 'CALL_DEADLINE',
      guard: 'tooFewApplications',
      target: 'unsuccessful',
      reenter: false,
      actions: [],
    });
    expect(open?.transitions).toContainEqual(
      expect.objectContaining({ event: 'AMEND_CALL', target: null }),
    );
    expect(json.events.CLOSE_EVALUATION?.roles).toEqual(['commission_member']);
    expect(json.events.PUBLISH_FOR_HEARING).toBeUndefined();
  });

  it.each(PROFILE_IDS)('survives a JSON round trip when exporting %s', (profileId) => {
    const json = toJson(profileId);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('toMermaid', () => {
  it('draws the hearing only for the profile that has one', () => {
    expect(toMermaid('kg-grant')).toContain('draft --> publicHearing: PUBLISH_FOR_HEARING');
    expect(toMermaid('ua-competition')).not.toContain('publicHearing');
  });

  it('draws the second round only for the two-round profile', () => {
    expect(toMermaid('kz-two-round')).toContain(
      'evaluation_meeting --> evaluation_secondRound: CLOSE_EVALUATION [evaluationClosesWithRanking]',
    );
    expect(toMermaid('kg-grant')).not.toContain('secondRound');
  });

  // Regenerate with: npm run build && node scripts/generate-diagrams.mjs
  it.each(PROFILE_IDS)('matches the checked-in diagram when %s is regenerated', (profileId) => {
    const checkedIn = readFileSync(join(DIAGRAMS, `${profileId}.mmd`), 'utf8');
    expect(checkedIn).toBe(toMermaid(profileId));
  });

  it('keeps no diagram of a profile that no longer exists', () => {
    const files = readdirSync(DIAGRAMS).filter((file) => file.endsWith('.mmd'));
    expect(files.sort()).toEqual(PROFILE_IDS.map((id) => `${id}.mmd`).sort());
  });
});
