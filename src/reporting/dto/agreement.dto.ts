import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IndicatorTargetView } from '../../lots/dto/lot.dto.js';
import { AGREEMENT_STATUSES, TRANCHE_DUE, type TrancheDue } from '../agreement.entity.js';
import { ClosureActView, MonitoringVisitView, TranchePaymentView } from './implementation.dto.js';
import { ReportView } from './report.dto.js';
import { trim } from '../../common/validation.js';

export class TrancheInput {
  @ApiProperty({ example: 50, description: 'Percent of the agreement’s value; all add up to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  share: number;

  @ApiProperty({ enum: TRANCHE_DUE, example: 'afterReport' })
  @IsIn(TRANCHE_DUE)
  due: TrancheDue;

  @ApiPropertyOptional({
    example: 4,
    description: 'afterReport: the report whose acceptance the tranche waits for',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  reportSeq?: number;
}

export class ReportingScheduleInput {
  @ApiPropertyOptional({ example: 3, description: 'An interim report every so many months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  interimEveryMonths?: number;

  @ApiPropertyOptional({
    example: 15,
    description: 'Days (the profile’s counting) after a period until its report is due',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  dueDaysAfterPeriod?: number;
}

export class NewAgreement {
  @ApiProperty({ example: '2027-01-01' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd: string;

  @ApiPropertyOptional({
    type: [TrancheInput],
    description: 'In order of payment; by default 50% on signing and 50% after the final report',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => TrancheInput)
  tranchePlan?: TrancheInput[];

  @ApiPropertyOptional({
    type: ReportingScheduleInput,
    description: 'Overrides the profile’s reporting schedule',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportingScheduleInput)
  reporting?: ReportingScheduleInput;
}

export class TerminationRequest {
  @ApiProperty({ example: 'The grantee stopped delivering the service in March' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class TrancheView {
  @ApiProperty() seq: number;
  @ApiProperty({ description: 'Percent of the agreement’s value' }) share: number;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty({ enum: TRANCHE_DUE }) due: string;
  @ApiPropertyOptional() reportSeq?: number;
  @ApiPropertyOptional({ type: TranchePaymentView, nullable: true })
  payment: TranchePaymentView | null;
}

export class ScheduleView {
  @ApiProperty() interimEveryMonths: number;
  @ApiProperty() dueDaysAfterPeriod: number;
  @ApiProperty({ type: [Number] }) reminders: number[];
}

export class AgreementView {
  @ApiProperty() id: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ example: 'reporting' }) lotState: string;
  @ApiProperty() awardId: string;
  @ApiProperty({ description: 'The grantee' }) ngoId: string;
  @ApiProperty() ngoName: string;
  @ApiProperty({ description: 'Minor units: the award’s amount' }) amount: number;
  @ApiProperty() currency: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: string;
  @ApiProperty({ type: [IndicatorTargetView] }) indicatorTargets: IndicatorTargetView[];
  @ApiProperty({ type: [TrancheView] }) tranchePlan: TrancheView[];
  @ApiProperty({ type: ScheduleView }) schedule: ScheduleView;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  signedByBuyerAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) signedByBuyer: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  signedByGranteeAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) signedByGrantee: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  terminatedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) terminationReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: [ReportView], description: 'The reporting schedule, report by report' })
  reports: ReportView[];
  @ApiProperty({ description: 'Minor units paid so far' }) paid: number;
  @ApiProperty({ type: [MonitoringVisitView] }) monitoringVisits: MonitoringVisitView[];
  @ApiPropertyOptional({ type: ClosureActView, nullable: true }) closure: ClosureActView | null;
}
