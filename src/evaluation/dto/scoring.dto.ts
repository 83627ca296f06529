import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ScoreSheetStatus } from '../score-sheet.entity.js';
import type { SheetPoints } from '../scoring/scoring.types.js';
import { trim } from '../../common/validation.js';

const POINTS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string', enum: ['NA'] }] },
  example: { experience: 8, plan: 16, budget: 'NA' },
  description:
    "Criterion code → points (0 to the criterion's maxPoints, at most 2 decimals) or 'NA' " +
    'where the criterion allows it',
};

/** A draft of a member's sheet: it replaces the saved draft as a whole; criteria may be missing. */
export class ScoreSheetDraft {
  @ApiProperty(POINTS_SCHEMA)
  @IsObject()
  points: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The member’s reasons; never published' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(10000)
  comment?: string;
}

export class ScoreSheetView {
  @ApiProperty() id: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ enum: [1, 2] }) round: number;
  @ApiProperty() applicationId: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: ScoreSheetStatus;
  @ApiProperty(POINTS_SCHEMA) points: SheetPoints;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}
