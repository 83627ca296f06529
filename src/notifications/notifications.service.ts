import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RecipientGroup } from '../../workflows/index.js';
import type { Locale } from '../auth/user.entity.js';
import { NotificationQueues } from './notification-queues.js';
import { CHANNELS, type Channel } from './notification.entity.js';
import { PreferencesService, type ChannelChoice } from './preferences.service.js';
import { RecipientResolvers, type Recipient, type RecipientLot } from './recipient-resolvers.js';
import { deadlineKindOf } from './templates/catalogue.js';
import { formatInstant, renderNotification } from './templates/render.js';

/** One notification to recipient groups of a lot. */
export interface NotifyRequest {
  lotId: string;
  /** Template name, e.g. 'lot.callOpened' or 'lot.callCloseReminder'. */
  name: string;
  recipients: readonly RecipientGroup[];
  /** Besides the groups: every active member of these organisations (an NGO told of its own case). */
  organisations?: readonly string[];
  /**
   * Makes the call idempotent: a person is notified at most once per key, however often and
   * from however many workers the same request is made (e.g. `outbox-<id>`, or a reminder's
   * job id `reminder-<lotId>-<kind>-g<n>-d<days>`).
   */
  dedupeKey: string;
  /** Kept with the notification and sent in webhooks; a reminder may give `dueAt` (ISO). */
  data?: Record<string, unknown>;
}

export interface NotifyOutcome {
  /** People the groups resolved to. */
  recipients: number;
  /** Inbox rows this call wrote (0 when an earlier call had notified everyone already). */
  created: number;
  emails: number;
  webhooks: number;
  /** Groups no module resolves yet. */
  unresolved: RecipientGroup[];
}

/** The lot cannot be found: retrying will not help. */
export class UnknownLotError extends Error {}

interface NotifiedLot extends RecipientLot {
  number: string;
  theme: string;
  timeZone: string;
}

interface UserRow {
  id: string;
  email: string;
  locale: Locale;
}

/** The buyer's groups: a buyer-side event reaches the buyer's webhooks even with no staff. */
const BUYER_GROUPS: readonly RecipientGroup[] = ['buyerStaff', 'commission'];

/**
 * Sends a notification: resolves the groups to people, writes each person's inbox row in their
 * locale (the row's unique dedupe key makes this at most once per person), and queues the email
 * of a newly written row and the webhooks of the organisations concerned. Whatever a crashed
 * earlier call left pending is queued again under the same job ids.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolvers: RecipientResolvers,
    private readonly preferences: PreferencesService,
    private readonly queues: NotificationQueues,
  ) {}

  async notify(request: NotifyRequest): Promise<NotifyOutcome> {
    if (request.dedupeKey.length === 0) throw new Error('A notification needs a dedupe key');
    const lot = await this.lotOf(request.lotId);
    const { recipients, unresolved } = await this.resolve(lot, request.recipients);
    recipients.push(...(await this.membersOf(request.organisations ?? [])));
    if (unresolved.length > 0) {
      this.logger.debug(
        `${request.name} on lot ${lot.id}: nobody resolves ${unresolved.join(', ')}`,
      );
    }
    const userIds = [...new Set(recipients.map((recipient) => recipient.userId))].sort();
    const wants = await this.preferences.choicesFor(userIds, request.name);
    const dueAt = await this.dueAtOf(lot, request);
    const data = { ...request.data, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}) };

    let created = 0;
    let emails = 0;
    for (const user of await this.usersOf(userIds)) {
      const written = await this.writeInbox(lot, request, data, user, dueAt, wants);
      if (written.created) created += 1;
      if (written.email) emails += 1;
    }
    const subscriptions = await this.subscriptionsFor(lot, request, recipients, wants);
    const webhooks = await this.writeWebhooks(lot, request, data, subscriptions);

    await this.queuePending(request.dedupeKey, userIds, subscriptions);
    return { recipients: userIds.length, created, emails, webhooks, unresolved };
  }

  private async lotOf(lotId: string): Promise<NotifiedLot> {
    const [lot] = (await this.dataSource.query(
      `SELECT l.id, l.buyer_id AS "buyerId", l.programme_id AS "programmeId", l.number, l.theme,
              p.time_zone AS "timeZone"
       FROM lots l JOIN programmes p ON p.id = l.programme_id WHERE l.id = $1`,
      [lotId],
    )) as NotifiedLot[];
    if (!lot) throw new UnknownLotError(`No lot ${lotId} to notify about`);
    return lot;
  }

  private async resolve(lot: NotifiedLot, groups: readonly RecipientGroup[]) {
    const recipients: Recipient[] = [];
    const unresolved: RecipientGroup[] = [];
    for (const group of new Set(groups)) {
      const resolver = this.resolvers.resolverOf(group);
      if (!resolver) unresolved.push(group);
      else recipients.push(...(await resolver(lot, this.dataSource.manager)));
    }
    return { recipients, unresolved };
  }

  private async membersOf(organisationIds: readonly string[]): Promise<Recipient[]> {
    if (organisationIds.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT m.user_id AS "userId", m.organisation_id AS "organisationId"
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organisation_id = ANY($1) AND u.active`,
      [organisationIds],
    )) as Recipient[];
  }

  private async usersOf(userIds: readonly string[]): Promise<UserRow[]> {
    if (userIds.length === 0) return [];
    // In id order, so that concurrent callers meet the same rows in the same order.
    return (await this.dataSource.query(
      `SELECT id, email, locale FROM users WHERE id = ANY($1) AND active ORDER BY id`,
      [userIds],
    )) as UserRow[];
  }

  /**
   * A reminder, or the news that a call opened or changed, names its deadline's moment: given by
   * the caller, else the deadline row's as it is when the notification is sent.
   */
  private async dueAtOf(lot: NotifiedLot, request: NotifyRequest): Promise<Date | undefined> {
    const kind = deadlineKindOf(request.name);
    if (!kind) return undefined;
    const given = request.data?.dueAt;
    if (typeof given === 'string' && !Number.isNaN(Date.parse(given))) return new Date(given);
    const [deadline] = (await this.dataSource.query(
      `SELECT due_at AS "dueAt" FROM lot_deadlines WHERE lot_id = $1 AND kind = $2`,
      [lot.id, kind],
    )) as { dueAt: Date }[];
    return deadline?.dueAt;
  }

  /**
   * The inbox row and, if this call wrote it and the user wants email, its email delivery, in
   * one transaction: only the writer of the row sends the email.
   */
  private async writeInbox(
    lot: NotifiedLot,
    request: NotifyRequest,
    data: Record<string, unknown>,
    user: UserRow,
    dueAt: Date | undefined,
    wants: ChannelChoice,
  ): Promise<{ created: boolean; email: boolean }> {
    const channels: Channel[] = CHANNELS.filter((channel) => wants(user.id, channel));
    const message = renderNotification(request.name, user.locale, {
      lotNumber: lot.number,
      lotTheme: lot.theme,
      event: request.name,
      dueAt: dueAt && formatInstant(dueAt, user.locale, lot.timeZone),
      reason: typeof data.reason === 'string' ? data.reason : undefined,
    });
    if (message.missing.length > 0) {
      this.logger.warn(`${request.name} (${message.locale}) lacks ${message.missing.join(', ')}`);
    }
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO notifications
           (user_id, lot_id, name, title, body, locale, data, channels, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [
          user.id,
          lot.id,
          request.name,
          message.title,
          message.body,
          message.locale,
          JSON.stringify(data),
          channels,
          request.dedupeKey,
        ],
      )) as { id: string }[];
      if (!row) return { created: false, email: false };
      if (!channels.includes('email')) return { created: true, email: false };
      await manager.query(
        `INSERT INTO email_deliveries (notification_id, to_address) VALUES ($1, $2)`,
        [row.id, user.email],
      );
      return { created: true, email: true };
    });
  }

  /**
   * The active subscriptions of the recipients' organisations that want this event. An
   * organisation is left out only when every one of its recipients turned webhooks off for it.
   */
  private async subscriptionsFor(
    lot: NotifiedLot,
    request: NotifyRequest,
    recipients: readonly Recipient[],
    wants: ChannelChoice,
  ): Promise<{ id: string; organisationId: string }[]> {
    const members = new Map<string, string[]>();
    if (request.recipients.some((group) => BUYER_GROUPS.includes(group))) {
      members.set(lot.buyerId, []);
    }
    for (const { userId, organisationId } of recipients) {
      members.set(organisationId, [...(members.get(organisationId) ?? []), userId]);
    }
    const organisations = [...members]
      .filter(([, users]) => users.length === 0 || users.some((id) => wants(id, 'webhook')))
      .map(([organisationId]) => organisationId);
    if (organisations.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT id, organisation_id AS "organisationId" FROM webhook_subscriptions
       WHERE organisation_id = ANY($1) AND active AND (cardinality(events) = 0 OR $2 = ANY(events))
       ORDER BY id`,
      [organisations, request.name],
    )) as { id: string; organisationId: string }[];
  }

  private async writeWebhooks(
    lot: NotifiedLot,
    request: NotifyRequest,
    data: Record<string, unknown>,
    subscriptions: readonly { id: string; organisationId: string }[],
  ): Promise<number> {
    let written = 0;
    for (const subscription of subscriptions) {
      const payload = {
        event: request.name,
        occurredAt: new Date().toISOString(),
        organisationId: subscription.organisationId,
        lot: { id: lot.id, number: lot.number, theme: lot.theme, buyerId: lot.buyerId },
        recipients: request.recipients,
        data,
      };
      const rows = (await this.dataSource.query(
        `INSERT INTO webhook_deliveries (subscription_id, lot_id, event, dedupe_key, payload)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (subscription_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [subscription.id, lot.id, request.name, request.dedupeKey, JSON.stringify(payload)],
      )) as { id: string }[];
      written += rows.length;
    }
    return written;
  }

  /** Queues every delivery of this key still pending (job ids dedupe what is queued already). */
  private async queuePending(
    dedupeKey: string,
    userIds: readonly string[],
    subscriptions: readonly { id: string }[],
  ): Promise<void> {
    if (userIds.length > 0) {
      const emails = (await this.dataSource.query(
        `SELECT e.id FROM email_deliveries e JOIN notifications n ON n.id = e.notification_id
         WHERE n.dedupe_key = $1 AND n.user_id = ANY($2) AND e.status = 'pending'`,
        [dedupeKey, userIds],
      )) as { id: string }[];
      await this.queues.sendEmails(emails.map((email) => email.id));
    }
    if (subscriptions.length > 0) {
      const webhooks = (await this.dataSource.query(
        `SELECT id FROM webhook_deliveries
         WHERE dedupe_key = $1 AND subscription_id = ANY($2) AND status = 'pending'`,
        [dedupeKey, subscriptions.map((subscription) => subscription.id)],
      )) as { id: string }[];
      await this.queues.deliverWebhooks(webhooks.map((webhook) => webhook.id));
    }
  }
}
