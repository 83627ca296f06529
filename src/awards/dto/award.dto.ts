import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { trim } from '../../common/validation.js';

export class DeclineRequest {
  @ApiProperty({
    example: 'The winner did not sign the agreement by the deadline',
    description: 'Why the award is declined; kept with the award',
  })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The award declined; needed only when the lot has several current awards',
  })
  @IsOptional()
  @IsUUID()
  awardId?: string;
}

export class RankedApplicationView {
  @ApiProperty({ description: '1 + the number ranked ahead: tied applications share it' })
  rank: number;
  @ApiProperty() applicationId: string;
  @ApiProperty() ngoId: string;
  @ApiProperty() ngoName: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The score ranked on' })
  score: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) aggregate: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Over the members’ z-scores: shown beside the aggregate, never instead of it',
  })
  normalisedAggregate: number | null;
  @ApiProperty({ description: 'Score sheets counted' }) count: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) min: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) max: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) stddev: number | null;
  @ApiProperty() highSpread: boolean;
}

export class WinnerView {
  @ApiProperty() ngoId: string;
  @ApiProperty() ngoName: string;
  @ApiProperty() rank: number;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['pending', 'active'], description: 'Pending through the standstill' })
  status: string;
}

/** What everyone may know of a lot's evaluation once it has closed: never an individual sheet. */
export class PublicResultsView {
  @ApiProperty() lotId: string;
  @ApiProperty() lotNumber: string;
  @ApiProperty() lotTheme: string;
  @ApiProperty({ example: 'award.standstill' }) state: string;
  @ApiProperty({ description: 'The round whose protocol decides the award' }) round: number;
  @ApiProperty({ type: String, format: 'date-time' }) closedAt: Date;
  @ApiProperty({ type: [RankedApplicationView] }) ranking: RankedApplicationView[];
  @ApiProperty({ type: [WinnerView], description: 'The current awards, in rank order' })
  winners: WinnerView[];
  @ApiProperty({
    type: Object,
    description: 'The protocol as locked (aggregates, ranking, decision); no score sheets',
  })
  protocol: unknown;
  @ApiProperty({ description: 'sha-256 of the protocol’s canonical JSON' }) protocolHash: string;
}
