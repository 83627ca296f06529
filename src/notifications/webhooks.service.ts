import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { Organisation } from '../auth/organisation.entity.js';
import { page, type Page } from '../common/pagination.js';
import { Environment } from '../config/environment.js';
import {
  WebhookDeliveryView,
  WebhookView,
  type CreatedWebhook,
  type DeliveryQuery,
  type NewWebhook,
} from './dto/webhook.dto.js';
import { notificationError } from './notification.errors.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { generateWebhookSecret } from './webhook-signature.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';
import { webhookUrlProblem } from './webhook-target.js';

/** An organisation's webhook subscriptions and their delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly environment: Environment,
  ) {}

  /** Outside production a loopback receiver is fine (tests, a developer's machine). */
  get allowPrivateTargets(): boolean {
    return this.environment.NODE_ENV !== 'production';
  }

  async list(organisationId: string): Promise<WebhookView[]> {
    await this.organisation(organisationId);
    const subscriptions = await this.dataSource.getRepository(WebhookSubscription).find({
      where: { organisationId },
      order: { createdAt: 'ASC' },
    });
    return subscriptions.map(WebhookView.of);
  }

  /** The secret is in this answer and never again. */
  async create(organisationId: string, request: NewWebhook, actor: Actor): Promise<CreatedWebhook> {
    await this.organisation(organisationId);
    const problem = await webhookUrlProblem(request.url, {
      allowPrivate: this.allowPrivateTargets,
    });
    if (problem) throw notificationError.webhookUrlRefused(problem);
    const secret = generateWebhookSecret();
    const repository = this.dataSource.getRepository(WebhookSubscription);
    const saved = await repository.save(
      repository.create({
        organisationId,
        url: request.url,
        secret,
        events: [...new Set(request.events ?? [])],
        createdBy: actor.userId,
      }),
    );
    const created = await repository.findOneByOrFail({ id: saved.id });
    return { ...WebhookView.of(created), secret };
  }

  /** Removes the subscription with its delivery log; queued deliveries find nothing to send. */
  async remove(organisationId: string, webhookId: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(WebhookSubscription)
      .delete({ id: webhookId, organisationId });
    if (result.affected !== 1) throw notificationError.webhookNotFound(webhookId);
  }

  async deliveries(
    organisationId: string,
    webhookId: string,
    query: DeliveryQuery,
  ): Promise<Page<WebhookDeliveryView>> {
    const subscription = await this.dataSource
      .getRepository(WebhookSubscription)
      .findOneBy({ id: webhookId, organisationId });
    if (!subscription) throw notificationError.webhookNotFound(webhookId);
    const [rows, total] = await this.dataSource.getRepository(WebhookDelivery).findAndCount({
      where: { subscriptionId: webhookId, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return page(rows.map(WebhookDeliveryView.of), total, query);
  }

  /** An administrator may name any organisation: it must exist. */
  private async organisation(id: string): Promise<void> {
    const exists = await this.dataSource.getRepository(Organisation).existsBy({ id });
    if (!exists) throw authError.organisationNotFound(id);
  }
}
