import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageMeta, PageQuery } from '../../common/pagination.js';
import type { Notification } from '../notification.entity.js';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'lot.callOpened', description: 'Template name' }) name: string;
  @ApiProperty({ example: 'Объявлен конкурс — лот 1.1' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ example: 'ru', description: 'The locale it was written in' }) locale: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lotId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;

  static of(notification: Notification): NotificationView {
    const { id, name, title, body, locale, lotId, data, createdAt, readAt } = notification;
    return { id, name, title, body, locale, lotId, data, createdAt, readAt };
  }
}

export class NotificationPage extends PageMeta {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ description: 'Unread notifications in the inbox, whatever the filter' })
  unread: number;
}

export class ReadAllResult {
  @ApiProperty({ description: 'How many were unread and are now read' }) marked: number;
}
