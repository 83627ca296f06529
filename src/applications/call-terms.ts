import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Lot } from '../lots/lot.entity.js';

/** What the call's announcement asks of an application. */
export interface ApplicationTerms {
  /** Minor units. */
  maxAmount: number;
  eligibility: readonly string[];
  requiredDocuments: readonly { code: string; title: string }[];
}

@Injectable()
export class CallTerms {
  async of(_manager: EntityManager, lot: Lot): Promise<ApplicationTerms> {
    return { maxAmount: lot.maxAmount, eligibility: lot.eligibility, requiredDocuments: [] };
  }
}
