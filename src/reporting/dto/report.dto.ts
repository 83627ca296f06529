import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_MINOR_UNITS } from '../../programmes/dto/programme.dto.js';
import { REPORT_KINDS, REPORT_STATUSES } from '../report.entity.js';
import { IsOptionalNotNull, trim } from '../../common/validation.js';

export class FinancialLineInput {
  @ApiProperty({ example: 'Rent of the hostel' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  budgetItem: string;

  @ApiProperty({ description: 'Minor units budgeted for the whole agreement' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  planned: number;

  @ApiProperty({ description: 'Minor units spent from the agreement’s start to the period’s end' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  spent: number;
}

export class IndicatorActualInput {
  @ApiProperty({
    example: 'probation clients housed',
    description: 'One of the agreement’s indicators, as it names it',
  })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  description: string;

  @ApiProperty({
    example: 23,
    description: 'Reached from the agreement’s start to the period’s end',
  })
  @IsInt()
  @Min(0)
  actual: number;
}

/** The grantee's draft; each field given replaces the one stored. */
export class ReportDraft {
  @ApiPropertyOptional({ description: 'What was done in the period' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(50_000)
  narrative?: string;

  @ApiPropertyOptional({ type: [FinancialLineInput] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FinancialLineInput)
  financialLines?: FinancialLineInput[];

  @ApiPropertyOptional({ type: [IndicatorActualInput] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorActualInput)
  indicatorActuals?: IndicatorActualInput[];
}

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export class ReportReview {
  @ApiProperty({
    enum: REVIEW_DECISIONS,
    description: 'return sends it back to the grantee, who corrects and submits it again',
  })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;

  @ApiPropertyOptional({ description: 'Required when returning: what must change' })
  @ValidateIf(
    (review: ReportReview) => review.decision === 'return' || review.comment !== undefined,
  )
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  comment?: string;
}

export class FinancialLineView {
  @ApiProperty() budgetItem: string;
  @ApiProperty() planned: number;
  @ApiProperty() spent: number;
}

export class IndicatorActualView {
  @ApiProperty() description: string;
  @ApiProperty() target: number;
  @ApiProperty() actual: number;
  @ApiPropertyOptional() unit?: string;
}

export class ReportReviewView {
  @ApiProperty({ enum: ['accepted', 'returned'] }) decision: string;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() reviewedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) reviewedAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'The submission reviewed' })
  submittedAt: string;
}

export class ReportView {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ enum: REPORT_KINDS }) kind: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: Date;
  @ApiProperty({ description: 'Due and not submitted (or returned), by the database clock' })
  overdue: boolean;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty() narrative: string;
  @ApiProperty({ type: [FinancialLineView] }) financialLines: FinancialLineView[];
  @ApiProperty({ type: [IndicatorActualView] }) indicatorActuals: IndicatorActualView[];
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  reviewedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reviewedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The last review’s' })
  reviewComment: string | null;
  @ApiProperty({ type: [ReportReviewView], description: 'Every review, oldest first' })
  reviews: ReportReviewView[];
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  acceptedAt: Date | null;
}

export class ReviewedReportView extends ReportView {
  @ApiProperty({ example: 'closed', description: 'The lot after the review' }) lotState: string;
}
