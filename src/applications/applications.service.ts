import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import type { CallAnnouncement } from '../calls/call-announcement.entity.js';
import { CallsService } from '../calls/calls.service.js';
import { page, type Page } from '../common/pagination.js';
import { LotFactsRegistry } from '../lots/lot-facts.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { RecipientResolvers, type Recipient } from '../notifications/recipient-resolvers.js';
import { ApplicationDocument } from './application-document.entity.js';
import { ApplicationRead } from './application-read.entity.js';
import { ApplicationRevision } from './application-revision.entity.js';
import { CommissionClearances, isSealed } from './application-access.js';
import { Application } from './application.entity.js';
import { applicationError } from './application.errors.js';
import { contentMatchesType, DOCUMENT_TYPES, DocumentStore, sha256Of } from './document-store.js';
import type {
  ApplicationChanges,
  ApplicationDocumentView,
  ApplicationView,
  LotApplicationEntry,
  LotApplicationsSummary,
  MyApplicationsQuery,
  MyApplicationView,
  NewApplication,
  ReceiptView,
} from './dto/application.dto.js';
import { contentHash, sealedContent } from './receipt.js';
import { pendingDeadlineClock } from '../deadlines/deadline-clock.js';

/** A document that is not one the call requires. */
export const OTHER_DOCUMENT = 'other';

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedDocument {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** The call as an application's transaction sees it: open, and by the database clock on time. */
interface OpenCall {
  lot: Lot;
  /** clock_timestamp() when the call was checked: the instant the change is accepted at. */
  now: Date;
}

/**
 * What an applicant may know of the result: an unsuccessful or cancelled lot; from the award
 * decision on (published when the standstill starts), whether its application holds a pending or
 * active award.
 */
function outcomeOf(lotState: string, awarded: boolean): string | null {
  if (lotState === 'unsuccessful' || lotState === 'cancelled') return lotState;
  const decided = ['award', 'reporting', 'closed', 'terminated'].includes(lotState.split('.')[0]);
  if (!decided) return null;
  return awarded ? 'awarded' : 'notAwarded';
}

/**
 * NGO applications: drafting, documents, submission with a receipt, edits and withdrawal while
 * the call is open, and sealed reading. Every change checks, in its own transaction and holding
 * the lot row FOR SHARE, that the lot's call is open and that the database clock is before the
 * deadline; the deadline's transition takes the row FOR NO KEY UPDATE, so the two never overlap.
 */
@Injectable()
export class ApplicationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentStore,
    private readonly clearances: CommissionClearances,
    private readonly calls: CallsService,
    private readonly facts: LotFactsRegistry,
    private readonly recipients: RecipientResolvers,
  ) {}

  onModuleInit(): void {
    // The closing transition counts exactly the applications submitted before it took the lot.
    this.facts.register({
      events: ['CALL_DEADLINE'],
      facts: async (lot, _event, manager) => ({
        submittedCount: await this.countSubmitted(manager, lot.id),
      }),
    });
    this.recipients.register('ngoApplicants', (lot, manager) => this.applicants(lot.id, manager));
  }

  async create(lotId: string, input: NewApplication, actor: Actor): Promise<ApplicationView> {
    const ngoId = this.applyingNgo(actor, input.ngoId);
    const created = await this.dataSource.transaction(async (manager) => {
      const { lot } = await this.openCall(manager, lotId);
      await this.checkEligible(manager, lot, ngoId);
      const existing = await manager.findOneBy(Application, { lotId, ngoId });
      if (existing) throw applicationError.exists(existing.id);
      const application = manager.create(Application, {
        lotId,
        ngoId,
        currency: lot.currency,
        createdBy: actor.userId,
        status: 'draft',
        revision: 1,
        requestedAmount: 0,
        territories: [],
        approach: '',
        staff: [],
        budgetLines: [],
        indicatorCommitments: [],
      });
      await this.applyChanges(manager, lot, application, input);
      const saved = await manager.save(application);
      await this.recordRevision(manager, saved, actor);
      return saved;
    });
    return this.view(created, await this.liveDocuments(this.dataSource.manager, created.id));
  }

  async update(
    id: string,
    changes: ApplicationChanges,
    actor: Actor,
    expectedRevision: number | undefined,
  ): Promise<ApplicationView> {
    return this.change(id, actor, expectedRevision, async (manager, application, { lot }) => {
      if (application.status === 'withdrawn') throw applicationError.notEditable('withdrawn');
      await this.applyChanges(manager, lot, application, changes);
    });
  }

  /** Submits (or resubmits after a withdrawal): complete, on time, and a receipt in return. */
  async submit(id: string, actor: Actor, expectedRevision?: number): Promise<ReceiptView> {
    await this.change(id, actor, expectedRevision, async (_manager, application) => {
      if (application.status === 'submitted') {
        throw applicationError.notEditable('submitted (already)');
      }
      // Checked as a whole by change() once the status says submitted.
      application.status = 'submitted';
    });
    return this.receipt(id, actor);
  }

  async withdraw(id: string, actor: Actor, expectedRevision?: number): Promise<ApplicationView> {
    return this.change(id, actor, expectedRevision, async (_manager, application) => {
      if (application.status !== 'submitted')
        throw applicationError.notEditable(application.status);
      application.status = 'withdrawn';
    });
  }

  async addDocument(
    id: string,
    kind: string,
    file: UploadedDocument | undefined,
    actor: Actor,
  ): Promise<ApplicationView> {
    if (!file) throw applicationError.fileMissing();
    const allowed = Object.keys(DOCUMENT_TYPES);
    if (!contentMatchesType(file.mimetype, file.buffer)) {
      throw applicationError.fileType(file.mimetype, allowed);
    }
    const sha256 = sha256Of(file.buffer);
    let stored = false;
    try {
      return await this.change(id, actor, undefined, async (manager, application, { lot }) => {
        if (application.status === 'withdrawn') throw applicationError.notEditable('withdrawn');
        const required = (await this.announcement(manager, lot)).requiredDocuments;
        const wanted = required.find((document) => document.code === kind);
        if (kind !== OTHER_DOCUMENT && !wanted) {
          const kinds = [...required.map((document) => document.code), OTHER_DOCUMENT];
          throw applicationError.unknownDocumentKind(kind, kinds);
        }
        if (wanted && wanted.mimeTypes.length > 0 && !wanted.mimeTypes.includes(file.mimetype)) {
          throw applicationError.fileType(file.mimetype, wanted.mimeTypes);
        }
        await manager.insert(ApplicationDocument, {
          applicationId: application.id,
          kind,
          fileName: file.originalname.slice(0, 255) || 'document',
          mimeType: file.mimetype,
          sizeBytes: file.size,
          sha256,
          uploadedBy: actor.userId,
        });
        // Written before commit: a row never names bytes that are not there.
        await this.documents.put(file.buffer);
        stored = true;
      });
    } catch (error) {
      if (stored) await this.forgetIfUnused(sha256);
      throw error;
    }
  }

  async removeDocument(id: string, documentId: string, actor: Actor): Promise<ApplicationView> {
    return this.change(id, actor, undefined, async (manager, application) => {
      if (application.status === 'withdrawn') throw applicationError.notEditable('withdrawn');
      const [, removed] = (await manager.query(
        `UPDATE application_documents SET removed_at = now()
         WHERE id = $1 AND application_id = $2 AND removed_at IS NULL`,
        [documentId, application.id],
      )) as [unknown, number];
      if (removed !== 1) throw applicationError.documentNotFound(documentId);
    });
  }

  /** The application's content, for whoever may read it now; reads after the call are logged. */
  async read(id: string, actor: Actor): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.readable(manager, id, actor, null);
      return this.view(application, await this.liveDocuments(manager, id));
    });
  }

  async document(
    id: string,
    documentId: string,
    actor: Actor,
  ): Promise<{ document: ApplicationDocument; bytes: Buffer }> {
    const document = await this.dataSource.transaction(async (manager) => {
      await this.readable(manager, id, actor, documentId);
      const found = await manager.findOneBy(ApplicationDocument, {
        id: documentId,
        applicationId: id,
      });
      if (!found || found.removedAt) throw applicationError.documentNotFound(documentId);
      return found;
    });
    return { document, bytes: await this.documents.get(document.sha256) };
  }

  /** The receipt of the submitted revision: only for the applying NGO. */
  async receipt(id: string, actor: Actor): Promise<ReceiptView> {
    const manager = this.dataSource.manager;
    const application = await manager.findOneBy(Application, { id });
    if (!application || !this.isOwner(actor, application)) throw applicationError.notFound(id);
    if (application.status !== 'submitted') throw applicationError.notEditable(application.status);
    const revision = await manager.findOneByOrFail(ApplicationRevision, {
      applicationId: id,
      revision: application.revision,
    });
    return {
      applicationId: id,
      revision: revision.revision,
      submittedAt: application.submittedAt as Date,
      sha256: revision.contentHash,
      content: { ...revision.content },
    };
  }

  /** The caller's NGOs' applications with their lot's stage and next date. */
  async mine(actor: Actor, query: MyApplicationsQuery): Promise<Page<MyApplicationView>> {
    const ngoIds = this.ngoIdsOf(actor);
    if (ngoIds.length === 0) return page([], 0, query);
    const parameters: unknown[] = [ngoIds];
    let filter = '';
    if (query.status) {
      parameters.push(query.status);
      filter = `AND a.status = $${parameters.length}`;
    }
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM applications a WHERE a.ngo_id = ANY($1) ${filter}`,
      parameters,
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.lot_id AS "lotId", l.number AS "lotNumber", l.theme AS "lotTheme",
              a.ngo_id AS "ngoId", a.status, l.state AS "lotState",
              a.submitted_at AS "submittedAt", a.receipt_hash AS "receiptHash",
              d.due_at AS "nextDate", d.kind AS "nextDeadline",
              EXISTS (SELECT 1 FROM awards w WHERE w.application_id = a.id
                        AND w.status IN ('pending', 'active')) AS awarded
       FROM applications a
       JOIN lots l ON l.id = a.lot_id
       LEFT JOIN LATERAL (
         SELECT due_at, kind FROM lot_deadlines
         WHERE lot_id = a.lot_id AND fired_at IS NULL AND cancelled_at IS NULL
         ORDER BY due_at LIMIT 1
       ) d ON true
       WHERE a.ngo_id = ANY($1) ${filter}
       ORDER BY a.updated_at DESC, a.id
       OFFSET ${query.offset} LIMIT ${query.pageSize}`,
      parameters,
    )) as (Omit<MyApplicationView, 'stage' | 'outcome'> & { awarded: boolean })[];
    return page(
      rows.map(({ awarded, ...row }) => ({
        ...row,
        stage: row.lotState.split('.')[0],
        outcome: outcomeOf(row.lotState, awarded),
      })),
      total,
      query,
    );
  }

  /** Counts for the buyer and the commission: all they may know while the call is open. */
  async summary(lotId: string, actor: Actor): Promise<LotApplicationsSummary> {
    const lot = await this.lotOf(this.dataSource.manager, lotId);
    this.checkBuyerSide(actor, lot);
    const rows = (await this.dataSource.query(
      `SELECT status, count(*)::int AS count FROM applications WHERE lot_id = $1 GROUP BY status`,
      [lotId],
    )) as { status: string; count: number }[];
    const count = (status: string) => rows.find((row) => row.status === status)?.count ?? 0;
    return {
      lotId,
      submitted: count('submitted'),
      drafts: count('draft'),
      withdrawn: count('withdrawn'),
    };
  }

  /** Who applied (no content), once the call has closed. */
  async listForLot(lotId: string, actor: Actor): Promise<LotApplicationEntry[]> {
    const lot = await this.lotOf(this.dataSource.manager, lotId);
    this.checkBuyerSide(actor, lot);
    if (isSealed(lot.state)) throw applicationError.sealed();
    return (await this.dataSource.query(
      `SELECT a.id, a.ngo_id AS "ngoId", o.name AS "ngoName", a.status,
              a.submitted_at AS "submittedAt", a.receipt_hash AS "receiptHash"
       FROM applications a JOIN organisations o ON o.id = a.ngo_id
       WHERE a.lot_id = $1 AND a.status = 'submitted'
       ORDER BY a.submitted_at, a.id`,
      [lotId],
    )) as LotApplicationEntry[];
  }

  async countSubmitted(manager: EntityManager, lotId: string): Promise<number> {
    const [{ count }] = (await manager.query(
      `SELECT count(*)::int AS count FROM applications WHERE lot_id = $1 AND status = 'submitted'`,
      [lotId],
    )) as [{ count: number }];
    return count;
  }

  // --- changes -------------------------------------------------------------------------------

  /**
   * One change of an application by its NGO: on an open call, on time, with the expected
   * revision; the change makes a new revision and, for a submitted application, a new receipt.
   */
  private async change(
    id: string,
    actor: Actor,
    expectedRevision: number | undefined,
    mutate: (manager: EntityManager, application: Application, call: OpenCall) => Promise<void>,
  ): Promise<ApplicationView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Application, { id });
      if (!found || !this.isOwner(actor, found)) throw applicationError.notFound(id);
      this.checkVerified(actor, found.ngoId);
      const call = await this.openCall(manager, found.lotId);
      const application = await manager.findOneOrFail(Application, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (expectedRevision !== undefined && expectedRevision !== application.revision) {
        throw applicationError.revisionConflict(application.revision, expectedRevision);
      }
      await mutate(manager, application, call);
      application.revision += 1;
      if (application.status === 'submitted')
        await this.checkComplete(manager, call.lot, application);
      await this.recordRevision(manager, application, actor, call.now);
      return application;
    });
    return this.view(saved, await this.liveDocuments(this.dataSource.manager, id));
  }

  /**
   * Locks the lot FOR SHARE and reads the database clock after the lock is granted: the lot must
   * be in callForBids.open and the instant before (or at) the call's deadline.
   */
  private async openCall(manager: EntityManager, lotId: string): Promise<OpenCall> {
    const lot = await manager.findOne(Lot, {
      where: { id: lotId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!lot) throw lotError.notFound(lotId);
    if (lot.state !== 'callForBids.open') throw applicationError.callNotOpen(lot.state);
    const row = await pendingDeadlineClock(manager, lotId, 'callClose');
    if (!row.dueAt) throw applicationError.callNotOpen(lot.state);
    if (row.now.getTime() > row.dueAt.getTime())
      throw applicationError.callClosed(row.dueAt, row.now);
    return { lot, now: row.now };
  }

  private async applyChanges(
    manager: EntityManager,
    lot: Lot,
    application: Application,
    changes: ApplicationChanges,
  ): Promise<void> {
    if (changes.territories !== undefined) {
      const known = lot.territories.map((territory) => territory.name);
      const unknown = changes.territories
        .map((territory) => territory.name)
        .filter((name) => !known.includes(name));
      if (unknown.length > 0) throw applicationError.unknownTerritory(unknown, known);
      for (const request of changes.territories) {
        const territory = lot.territories.find((candidate) => candidate.name === request.name);
        if (territory && request.amount > territory.maxAmount) {
          throw applicationError.overTerritoryMaximum(
            request.name,
            request.amount,
            territory.maxAmount,
          );
        }
      }
      const names = changes.territories.map((territory) => territory.name);
      if (new Set(names).size !== names.length) {
        throw applicationError.unknownTerritory(['(the same territory twice)'], known);
      }
      application.territories = changes.territories.map(({ name, amount }) => ({ name, amount }));
      const sum = application.territories.reduce((total, territory) => total + territory.amount, 0);
      if (changes.requestedAmount !== undefined && changes.requestedAmount !== sum) {
        throw applicationError.amountMismatch(changes.requestedAmount, sum);
      }
      application.requestedAmount = sum;
    } else if (changes.requestedAmount !== undefined) {
      if (application.territories.length > 0) {
        const sum = application.territories.reduce(
          (total, territory) => total + territory.amount,
          0,
        );
        if (changes.requestedAmount !== sum)
          throw applicationError.amountMismatch(changes.requestedAmount, sum);
      }
      application.requestedAmount = changes.requestedAmount;
    }
    const { maxAmount } = await this.announcement(manager, lot);
    if (application.requestedAmount > maxAmount) {
      throw applicationError.overLotMaximum(application.requestedAmount, maxAmount);
    }
    if (changes.approach !== undefined) application.approach = changes.approach.trim();
    if (changes.staff !== undefined) application.staff = changes.staff;
    if (changes.budgetLines !== undefined) application.budgetLines = changes.budgetLines;
    if (changes.indicatorCommitments !== undefined) {
      application.indicatorCommitments = changes.indicatorCommitments;
    }
  }

  /** What a submission needs: a proposal whose budget adds up, and every required document. */
  private async checkComplete(
    manager: EntityManager,
    lot: Lot,
    application: Application,
  ): Promise<void> {
    const missing: string[] = [];
    if (application.requestedAmount <= 0) missing.push('requestedAmount must be more than 0');
    if (lot.territories.length > 0 && application.territories.length === 0) {
      missing.push('name at least one of the lot’s territories');
    }
    if (application.approach.length === 0) missing.push('approach is empty');
    const budget = application.budgetLines.reduce((total, line) => total + line.amount, 0);
    if (budget !== application.requestedAmount) {
      missing.push(
        `the budget lines add up to ${budget}, not to the requested ${application.requestedAmount}`,
      );
    }
    const { requiredDocuments } = await this.announcement(manager, lot);
    const present = new Set(
      (await this.liveDocuments(manager, application.id)).map((document) => document.kind),
    );
    for (const required of requiredDocuments) {
      if (!present.has(required.code)) {
        const title = Object.values(required.title).find(Boolean) ?? required.code;
        missing.push(`document ${required.code} (${title})`);
      }
    }
    if (missing.length > 0) throw applicationError.incomplete(missing);
  }

  /**
   * Writes the revision with its content hash; a submitted application's receipt (hash and the
   * instant by the database clock) follows its latest revision.
   */
  private async recordRevision(
    manager: EntityManager,
    application: Application,
    actor: Actor,
    now?: Date,
  ): Promise<void> {
    const content = sealedContent(application, await this.liveDocuments(manager, application.id));
    const hash = contentHash(content);
    const submitted = application.status === 'submitted';
    application.submittedAt = submitted ? (now ?? null) : null;
    application.receiptHash = submitted ? hash : null;
    await manager.save(application);
    await manager.insert(ApplicationRevision, {
      applicationId: application.id,
      revision: application.revision,
      status: application.status,
      content,
      contentHash: hash,
      submittedAt: application.submittedAt,
      createdBy: actor.userId,
    });
  }

  // --- access --------------------------------------------------------------------------------

  /**
   * Sealed reading: the applying NGO always; after the call closed, members of the lot's
   * commission who declared no link to the applicant. Anyone else learns nothing: 404 for other
   * NGOs and strangers, 403 for the buyer's staff (who know that applications exist). Every read
   * after the call closed is logged.
   */
  private async readable(
    manager: EntityManager,
    id: string,
    actor: Actor,
    documentId: string | null,
  ): Promise<Application> {
    const application = await manager.findOneBy(Application, { id });
    if (!application) throw applicationError.notFound(id);
    const lot = await this.lotOf(manager, application.lotId);
    const owner = this.isOwner(actor, application);
    let role: string;
    if (owner) {
      role = 'ngo_member';
    } else if (actor.hasRole('commission_member', lot.buyerId)) {
      if (isSealed(lot.state)) throw applicationError.sealed();
      const clearance = await this.clearances.of(manager, application, actor);
      if (clearance === 'notOnCommission') throw applicationError.notOnCommission();
      if (clearance === 'recused') throw applicationError.recused();
      if (clearance === 'undeclared') throw applicationError.declarationRequired();
      role = 'commission_member';
    } else if (actor.hasRole('buyer_staff', lot.buyerId)) {
      throw applicationError.sealed();
    } else {
      throw applicationError.notFound(id);
    }
    if (!isSealed(lot.state)) {
      await manager.insert(ApplicationRead, {
        applicationId: id,
        documentId,
        readerUserId: actor.userId,
        readerRole: role,
      });
    }
    return application;
  }

  private checkBuyerSide(actor: Actor, lot: Lot): void {
    if (
      !actor.hasRole('buyer_staff', lot.buyerId) &&
      !actor.hasRole('commission_member', lot.buyerId)
    ) {
      throw authError.roleRequired(['buyer_staff', 'commission_member']);
    }
  }

  private isOwner(actor: Actor, application: Pick<Application, 'ngoId'>): boolean {
    return actor.hasRole('ngo_member', application.ngoId);
  }

  private ngoIdsOf(actor: Actor): string[] {
    return actor.memberships
      .filter((membership) => membership.role === 'ngo_member')
      .map((membership) => membership.organisationId);
  }

  /** The NGO the caller applies for: named, or their only one; it must be verified. */
  private applyingNgo(actor: Actor, ngoId: string | undefined): string {
    const mine = this.ngoIdsOf(actor);
    if (mine.length === 0) throw authError.roleRequired(['ngo_member']);
    const chosen = ngoId ?? (mine.length === 1 ? mine[0] : undefined);
    if (!chosen) throw applicationError.chooseNgo(mine);
    if (!mine.includes(chosen)) throw authError.roleRequired(['ngo_member']);
    this.checkVerified(actor, chosen);
    return chosen;
  }

  private checkVerified(actor: Actor, ngoId: string): void {
    const membership = actor.memberships.find(
      (candidate) => candidate.organisationId === ngoId && candidate.role === 'ngo_member',
    );
    if (membership?.verificationStatus !== 'verified') throw applicationError.notVerified();
  }

  private async checkEligible(manager: EntityManager, lot: Lot, ngoId: string): Promise<void> {
    const { eligibility } = await this.announcement(manager, lot);
    const [{ kind }] = (await manager.query(`SELECT kind FROM organisations WHERE id = $1`, [
      ngoId,
    ])) as [{ kind: string }];
    if (!eligibility.includes(kind)) throw applicationError.notEligible(kind, eligibility);
  }

  // --- reading helpers -----------------------------------------------------------------------

  /** What the call asks of an application: its current announcement (amendments included). */
  private async announcement(manager: EntityManager, lot: Lot): Promise<CallAnnouncement> {
    const current = await this.calls.current(lot.id, manager);
    if (!current) throw applicationError.callNotOpen(lot.state);
    return current;
  }

  private async lotOf(manager: EntityManager, lotId: string): Promise<Lot> {
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot) throw lotError.notFound(lotId);
    return lot;
  }

  private async liveDocuments(
    manager: EntityManager,
    applicationId: string,
  ): Promise<ApplicationDocument[]> {
    return manager.find(ApplicationDocument, {
      where: { applicationId, removedAt: IsNull() },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Members of NGOs with a draft or a submitted application: they hear of amendments. */
  private async applicants(lotId: string, manager: EntityManager): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT m.user_id AS "userId", m.organisation_id AS "organisationId"
       FROM applications a
       JOIN memberships m ON m.organisation_id = a.ngo_id AND m.role = 'ngo_member'
       JOIN users u ON u.id = m.user_id
       WHERE a.lot_id = $1 AND a.status IN ('draft', 'submitted') AND u.active`,
      [lotId],
    )) as Recipient[];
  }

  /** Removes stored bytes that no document row names (an upload whose transaction failed). */
  private async forgetIfUnused(sha256: string): Promise<void> {
    const [{ used }] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM application_documents WHERE sha256 = $1) AS used`,
      [sha256],
    )) as [{ used: boolean }];
    if (!used) await this.documents.remove(sha256);
  }

  private view(
    application: Application,
    documents: readonly ApplicationDocument[],
  ): ApplicationView {
    return {
      id: application.id,
      lotId: application.lotId,
      ngoId: application.ngoId,
      status: application.status,
      revision: application.revision,
      requestedAmount: application.requestedAmount,
      currency: application.currency,
      territories: application.territories,
      approach: application.approach,
      staff: application.staff,
      budgetLines: application.budgetLines,
      indicatorCommitments: application.indicatorCommitments,
      documents: documents.map(documentView),
      submittedAt: application.submittedAt,
      receiptHash: application.receiptHash,
      createdAt: application.createdAt,
      updatedAt: application.updatedAt,
    };
  }
}

function documentView(document: ApplicationDocument): ApplicationDocumentView {
  const { id, kind, fileName, mimeType, sizeBytes, sha256, uploadedAt } = document;
  return { id, kind, fileName, mimeType, sizeBytes, sha256, uploadedAt };
}
