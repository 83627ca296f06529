import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { PreferenceItem, PreferencesUpdate, PreferencesView } from './dto/preference.dto.js';
import { notificationError } from './notification.errors.js';
import { ANY_EVENT, NotificationPreference } from './notification-preference.entity.js';
import { CHANNELS, type Channel } from './notification.entity.js';
import { NOTIFICATION_NAMES } from './templates/catalogue.js';

/** Whether a user wants an event on a channel: their choice for it, else for '*', else yes. */
export type ChannelChoice = (userId: string, channel: Channel) => boolean;

@Injectable()
export class PreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(userId: string): Promise<PreferencesView> {
    const rows = await this.dataSource.getRepository(NotificationPreference).find({
      where: { userId },
      order: { event: 'ASC', channel: 'ASC' },
    });
    return {
      preferences: rows.map(({ event, channel, enabled }) => ({ event, channel, enabled })),
      events: [ANY_EVENT, ...NOTIFICATION_NAMES],
      channels: [...CHANNELS],
    };
  }

  /** Replaces the user's whole set in one transaction. */
  async replace(userId: string, update: PreferencesUpdate): Promise<PreferencesView> {
    const seen = new Set<string>();
    for (const { event, channel } of update.preferences) {
      const key = `${event} ${channel}`;
      if (seen.has(key)) throw notificationError.duplicatePreference(event, channel);
      seen.add(key);
    }
    await this.dataSource.transaction(async (manager) => {
      // Two replacements at once take turns instead of colliding on the unique key.
      await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
      await manager.delete(NotificationPreference, { userId });
      if (update.preferences.length > 0) {
        await manager.insert(
          NotificationPreference,
          update.preferences.map((item: PreferenceItem) => ({ userId, ...item })),
        );
      }
    });
    return this.of(userId);
  }

  /** The choices of many users for one event, read at once. */
  async choicesFor(
    userIds: readonly string[],
    event: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ChannelChoice> {
    const rows =
      userIds.length === 0
        ? []
        : await manager.find(NotificationPreference, {
            where: { userId: In([...userIds]), event: In([event, ANY_EVENT]) },
          });
    const named = new Map<string, boolean>();
    const wildcard = new Map<string, boolean>();
    for (const row of rows) {
      (row.event === ANY_EVENT ? wildcard : named).set(`${row.userId} ${row.channel}`, row.enabled);
    }
    return (userId, channel) => {
      const key = `${userId} ${channel}`;
      return named.get(key) ?? wildcard.get(key) ?? true;
    };
  }
}
