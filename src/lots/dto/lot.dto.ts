import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageMeta, PageQuery } from '../../common/pagination.js';
import { trim } from '../../common/validation.js';
import { LOT_EVENT_TYPES, type LotEventType } from '../../../workflows/index.js';

export class LotEventRequest {
  @ApiProperty({ enum: LOT_EVENT_TYPES, example: 'PUBLISH_FOR_HEARING' })
  @IsString()
  @Matches(/^[A-Z_]{1,60}$/, { message: 'type must be an event name such as OPEN_CALL' })
  type: string;

  @ApiPropertyOptional({
    description: 'What the caller states, e.g. { "reason": "…" } or { "callPeriodDays": 25 }',
    example: { reason: 'The programme budget was withdrawn' },
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

export class LotQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'callForBids', description: 'State, or a state and sub-state' })
  @IsOptional()
  @Matches(/^[A-Za-z]+(\.[A-Za-z]+)*$/, {
    message: 'state must look like callForBids or evaluation.scoring',
  })
  state?: string;

  @ApiPropertyOptional({ example: 'Ошская обл.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  territory?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  buyer?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programme?: string;

  @ApiPropertyOptional({ description: 'Words in the lot’s number, theme or recipients' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class TerritoryView {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Minor units' }) maxAmount: number;
}

export class IndicatorTargetView {
  @ApiProperty() description: string;
  @ApiProperty() target: number;
  @ApiPropertyOptional() unit?: string;
}

export class DeadlineView {
  @ApiProperty({ example: 'callClose' }) kind: string;
  @ApiProperty({ example: 'CALL_DEADLINE' }) event: string;
  @ApiProperty({ example: 25 }) days: number;
  @ApiProperty({ enum: ['calendar', 'working'] }) dayCounting: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it falls due (the end of the last day in the buyer’s zone)',
  })
  dueAt: Date | null;
}

export class OverdueReportView {
  @ApiProperty({ example: 2 }) seq: number;
  @ApiProperty({ enum: ['interim', 'final'] }) kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: Date;
  @ApiProperty({ enum: ['pending', 'returned'] }) status: string;
}

export class UnderTargetIndicatorView {
  @ApiProperty({ description: 'The accepted report it was read from' }) reportSeq: number;
  @ApiProperty() description: string;
  @ApiPropertyOptional() unit?: string;
  @ApiProperty() target: number;
  @ApiProperty({
    description: 'The target pro rata for the time elapsed by the end of the report’s period',
  })
  expected: number;
  @ApiProperty() actual: number;
}

export class LotReportingFlags {
  @ApiProperty({ type: [OverdueReportView], description: 'Due and not submitted (or returned)' })
  overdueReports: OverdueReportView[];
  @ApiProperty({
    type: [UnderTargetIndicatorView],
    description: 'Below what the time elapsed calls for, in the last accepted report',
  })
  underTargetIndicators: UnderTargetIndicatorView[];
}

export class LotView {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty() buyerId: string;
  @ApiProperty({ example: '1.1' }) number: string;
  @ApiPropertyOptional({ type: String, nullable: true }) section: string | null;
  @ApiProperty() theme: string;
  @ApiPropertyOptional({ type: String, nullable: true }) recipients: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) goals: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) tasks: string | null;
  @ApiProperty({ type: [TerritoryView] }) territories: TerritoryView[];
  @ApiProperty({ description: 'Minor units' }) maxAmount: number;
  @ApiProperty() currency: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) durationMonths: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) expectedResults: string | null;
  @ApiProperty({ type: [IndicatorTargetView] }) indicatorTargets: IndicatorTargetView[];
  @ApiProperty({ type: [String] }) eligibility: string[];
  @ApiProperty() profileId: string;
  @ApiProperty({ example: 'evaluation.scoring', description: 'State and sub-state, dotted' })
  state: string;
  @ApiProperty({ example: 'evaluation' }) stage: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'scoring' }) subState:
    string | null;
  @ApiProperty({ description: 'Accepts no more events' }) final: boolean;
  @ApiProperty({ description: 'For If-Match and compare-and-swap' }) version: number;
  @ApiProperty({ type: [String], description: 'What each active state says it is' })
  description: string[];
  @ApiProperty({ type: [DeadlineView], description: 'Deadlines the current state runs' })
  deadlines: DeadlineView[];
  @ApiProperty({ type: [String], description: 'Events the caller may send now' })
  allowedEvents: LotEventType[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The unsuccessful lot this one re-announces',
  })
  reannouncedFrom: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The lot that re-announces this unsuccessful one (a draft only for its buyer)',
  })
  reannouncedAs: string | null;
  @ApiPropertyOptional({
    type: LotReportingFlags,
    nullable: true,
    description: 'Once an agreement is signed: overdue reports and under-target indicators',
  })
  reporting?: LotReportingFlags | null;
}

export class LotSummary {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty() buyerId: string;
  @ApiProperty() number: string;
  @ApiProperty() theme: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'Minor units' }) maxAmount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [String] }) territories: string[];
  @ApiProperty() version: number;
}

export class LotPage extends PageMeta {
  @ApiProperty({ type: [LotSummary] }) items: LotSummary[];
}

export class AuditEntryView {
  @ApiProperty() seq: number;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) actorUserId: string | null;
  @ApiProperty({ example: 'buyer_staff' }) actorRole: string;
  @ApiProperty({ example: 'OPEN_CALL' }) eventType: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: Object }) payload: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true }) prevHash: string | null;
  @ApiProperty() hash: string;
}

export class ChainVerdictView {
  @ApiProperty() valid: boolean;
  @ApiProperty() entries: number;
  @ApiPropertyOptional({
    description: 'The first entry that does not hold',
    example: { seq: 3, reason: 'hash-mismatch' },
  })
  firstBroken?: { seq: number; reason: string };
}

/** A published lot as the public sees it: no version, no events to send. */
export class PublicLotView extends OmitType(LotView, ['allowedEvents', 'version'] as const) {
  @ApiProperty() buyerName: string;
  @ApiProperty() programmeTitle: string;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Applications submitted on time; shown once the call has closed',
  })
  submittedApplications: number | null;
}
