import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';

/**
 * What the commission module says of one member and one application after the call closed;
 * 'notOnCommission': a commission member of the buyer who does not sit on this lot's commission.
 */
export type CommissionClearance = 'cleared' | 'undeclared' | 'recused' | 'notOnCommission';

/**
 * Decides whether a commission member may read an application: the evaluation module registers
 * the rule (conflict-of-interest declarations) when it starts. Without one nobody has declared,
 * so no member is cleared.
 */
export type ClearanceRule = (
  manager: EntityManager,
  application: { id: string; lotId: string; ngoId: string },
  actor: Actor,
) => Promise<CommissionClearance>;

@Injectable()
export class CommissionClearances {
  private rule: ClearanceRule | undefined;

  register(rule: ClearanceRule): void {
    if (this.rule) throw new Error('Two rules for commission clearance');
    this.rule = rule;
  }

  async of(
    manager: EntityManager,
    application: { id: string; lotId: string; ngoId: string },
    actor: Actor,
  ): Promise<CommissionClearance> {
    return this.rule ? this.rule(manager, application, actor) : 'undeclared';
  }
}

/** Stages in which the call has not yet closed: applications are sealed to all but their NGO. */
export function isSealed(lotState: string): boolean {
  return ['draft', 'publicHearing', 'callForBids'].includes(lotState.split('.')[0]);
}
