import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { AdmissibilityDecisionKind } from '../admissibility-decision.entity.js';
import { trim } from '../../common/validation.js';

const DECISIONS = ['admitted', 'rejected'] as const;

export class AdmissibilityRequest {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: AdmissibilityDecisionKind;

  @ApiPropertyOptional({ example: 'missing-document', description: 'Required for a rejection' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,49}$/, {
    message: 'reasonCode must be a code of lower-case letters, digits and - (≤ 50)',
  })
  reasonCode?: string;

  @ApiPropertyOptional({
    example: 'The statute is not attached',
    description: 'Required for a rejection; the NGO is told it',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class AdmissibilityEntryView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) ngoId: string;
  @ApiProperty() ngoName: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: Date;
  @ApiProperty({ enum: DECISIONS, nullable: true }) decision: AdmissibilityDecisionKind | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
}

export class AdmissibilityView {
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty() lotState: string;
  @ApiProperty() admitted: number;
  @ApiProperty() rejected: number;
  @ApiProperty() undecided: number;
  @ApiProperty({ type: [AdmissibilityEntryView], description: 'Submitted applications' })
  applications: AdmissibilityEntryView[];
}

export class AdmissibilityCompletionView {
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ example: 'evaluation.scoring' }) state: string;
  @ApiProperty() version: number;
  @ApiProperty() admittedCount: number;
  @ApiProperty() rejectedCount: number;
}
