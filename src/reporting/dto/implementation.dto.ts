import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MAX_MINOR_UNITS } from '../../programmes/dto/programme.dto.js';
import { trim } from '../../common/validation.js';

export class NewTranchePayment {
  @ApiProperty({ example: 2, description: 'The tranche of the agreement’s plan' })
  @IsInt()
  @Min(1)
  @Max(1000)
  seq: number;

  @ApiProperty({ example: 5_749_995, description: 'Minor units paid' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR_UNITS)
  amount: number;

  @ApiPropertyOptional({
    example: 1,
    description: 'The accepted report it is paid against; must be the one the plan names',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  reportSeq?: number;
}

export class NewMonitoringVisit {
  @ApiProperty({ example: '2027-05-20' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'visitedOn must be a date YYYY-MM-DD' })
  visitedOn: string;

  @ApiProperty({ example: '18 clients in residence; case files complete; kitchen needs repair' })
  @Transform(trim)
  @IsString()
  @Length(1, 20_000)
  findings: string;
}

export class TranchePaymentView {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty() currency: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The report it waited for' })
  reportSeq: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) paidAt: Date;
  @ApiProperty() recordedBy: string;
}

export class MonitoringVisitView {
  @ApiProperty() id: string;
  @ApiProperty() visitedOn: string;
  @ApiProperty() findings: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
}

export class ClosureActView {
  @ApiProperty() id: string;
  @ApiProperty({
    type: Object,
    description:
      'Targets against actuals (achievement %, under target), spending against the budget, reports, visits',
  })
  assessment: Record<string, unknown>;
  @ApiProperty({ description: 'sha-256 (hex) of the assessment’s canonical JSON' }) actHash: string;
  @ApiProperty({ type: String, format: 'date-time' }) closedAt: Date;
  @ApiProperty() closedBy: string;
}
