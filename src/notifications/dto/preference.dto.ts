import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { ANY_EVENT } from '../notification-preference.entity.js';
import { CHANNELS, type Channel } from '../notification.entity.js';
import { NOTIFICATION_NAMES } from '../templates/catalogue.js';

const EVENTS = [ANY_EVENT, ...NOTIFICATION_NAMES];

export class PreferenceItem {
  @ApiProperty({ enum: EVENTS, example: 'lot.callOpened', description: "An event, or '*' for all" })
  @IsIn(EVENTS)
  event: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}

/** The whole set: what is not listed is on (a named event wins over '*'). */
export class PreferencesUpdate {
  @ApiProperty({ type: [PreferenceItem] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PreferenceItem)
  preferences: PreferenceItem[];
}

export class PreferencesView {
  @ApiProperty({ type: [PreferenceItem] }) preferences: PreferenceItem[];
  @ApiProperty({ description: 'Events a preference may name' }) events: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels: Channel[];
}
