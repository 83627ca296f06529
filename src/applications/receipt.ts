import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.js';
import type {
  Application,
  BudgetLine,
  IndicatorCommitment,
  StaffMember,
  TerritoryRequest,
} from './application.entity.js';
import type { ApplicationDocument } from './application-document.entity.js';

/** What a receipt's hash covers: the proposal as submitted and every document's own hash. */
export interface SealedContent {
  applicationId: string;
  lotId: string;
  ngoId: string;
  revision: number;
  requestedAmount: number;
  currency: string;
  territories: TerritoryRequest[];
  approach: string;
  staff: StaffMember[];
  budgetLines: BudgetLine[];
  indicatorCommitments: IndicatorCommitment[];
  documents: { id: string; kind: string; fileName: string; sizeBytes: number; sha256: string }[];
}

export function sealedContent(
  application: Application,
  documents: readonly ApplicationDocument[],
): SealedContent {
  return {
    applicationId: application.id,
    lotId: application.lotId,
    ngoId: application.ngoId,
    revision: application.revision,
    requestedAmount: application.requestedAmount,
    currency: application.currency,
    territories: application.territories,
    approach: application.approach,
    staff: application.staff,
    budgetLines: application.budgetLines,
    indicatorCommitments: application.indicatorCommitments,
    documents: documents
      .filter((document) => document.removedAt === null)
      .map(({ id, kind, fileName, sizeBytes, sha256 }) => ({
        id,
        kind,
        fileName,
        sizeBytes,
        sha256,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** sha-256 (hex) of the canonical JSON of the content: anyone holding it can recompute it. */
export function contentHash(content: SealedContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
