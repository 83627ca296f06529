import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { trim } from '../../common/validation.js';

export class NewComplaint {
  @ApiProperty({ example: 'The winner’s staff do not meet the qualification the call required.' })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  text: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The NGO that complains; needed only when several of yours applied to the lot',
  })
  @IsOptional()
  @IsUUID()
  ngoId?: string;
}

export const COMPLAINT_DECISIONS = ['upheld', 'dismissed'] as const;

export class ComplaintDecisionRequest {
  @ApiProperty({
    enum: COMPLAINT_DECISIONS,
    description: 'upheld annuls the award (the commission decides again); dismissed lets it stand',
  })
  @IsIn(COMPLAINT_DECISIONS)
  decision: (typeof COMPLAINT_DECISIONS)[number];

  @ApiProperty({
    example: 'The qualification is proven by the diplomas attached to the application.',
  })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  text: string;
}

export class ComplaintView {
  @ApiProperty() id: string;
  @ApiProperty() lotId: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The award complained of (the current one when it was filed)',
  })
  awardId: string | null;
  @ApiProperty() ngoId: string;
  @ApiProperty() ngoName: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'date-time' }) filedAt: Date;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The decision’s reasons' })
  decision: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  decidedAt: Date | null;
}

export class DecidedComplaintView extends ComplaintView {
  @ApiProperty({
    example: 'award.contracting',
    description: 'The lot after the decision (evaluation meeting when upheld)',
  })
  lotState: string;
}
