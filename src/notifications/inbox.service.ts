import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import {
  NotificationView,
  type NotificationPage,
  type NotificationQuery,
  type ReadAllResult,
} from './dto/notification.dto.js';
import { notificationError } from './notification.errors.js';
import { Notification } from './notification.entity.js';

/** A user's in-app inbox: only their own notifications, and only those meant for the inbox. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private inbox(userId: string): SelectQueryBuilder<Notification> {
    return this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId })
      .andWhere(`'inApp' = ANY(n.channels)`);
  }

  async list(userId: string, query: NotificationQuery): Promise<NotificationPage> {
    const listed = this.inbox(userId);
    if (query.unread !== undefined) {
      listed.andWhere(query.unread ? 'n.readAt IS NULL' : 'n.readAt IS NOT NULL');
    }
    const [rows, total] = await listed
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const unread = await this.inbox(userId).andWhere('n.readAt IS NULL').getCount();
    return {
      items: rows.map(NotificationView.of),
      total,
      page: query.page,
      pageSize: query.pageSize,
      unread,
    };
  }

  /** Idempotent: the first reading time is kept. Someone else's notification is a 404. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where(`id = :id AND user_id = :userId AND 'inApp' = ANY(channels)`, { id, userId })
      .execute();
    if (result.affected !== 1) throw notificationError.notFound(id);
    const notification = await this.dataSource.getRepository(Notification).findOneByOrFail({ id });
    return NotificationView.of(notification);
  }

  async markAllRead(userId: string): Promise<ReadAllResult> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()' })
      .where(`user_id = :userId AND read_at IS NULL AND 'inApp' = ANY(channels)`, { userId })
      .execute();
    return { marked: result.affected ?? 0 };
  }
}
