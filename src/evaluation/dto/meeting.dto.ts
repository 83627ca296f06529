import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import type { EvaluationProtocolDocument } from '../evaluation-protocol.js';
import { trim } from '../../common/validation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DissentInput {
  @ApiProperty({ description: 'A member present at the meeting' })
  @IsUUID()
  memberUserId: string;

  @ApiProperty({ example: 'A2 deserved the first place for its partnerships' })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  text: string;
}

/**
 * The commission's vote on tied applications: the order it decided (first ranks highest), or
 * the votes per application (more ranks higher). Exactly one of the two.
 */
export class CommissionVoteInput {
  @ApiPropertyOptional({ type: [String], description: 'Application ids, highest first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  order?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: 'Application id → votes for it',
  })
  @IsOptional()
  @ValidateBy({
    name: 'votesByApplication',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([id, votes]) => UUID.test(id) && Number.isSafeInteger(votes) && (votes as number) >= 0,
        ),
      defaultMessage: () => 'votes must map application ids to whole numbers of votes ≥ 0',
    },
  })
  votes?: Record<string, number>;
}

export class CloseEvaluationRequest {
  @ApiProperty({ type: [String], description: 'Members of the round present at the meeting' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  membersPresent: string[];

  @ApiProperty({ example: 'Award the grant to the first in rank' })
  @Transform(trim)
  @IsString()
  @Length(1, 20000)
  decision: string;

  @ApiPropertyOptional({ type: [DissentInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DissentInput)
  dissent?: DissentInput[];

  @ApiPropertyOptional({
    type: CommissionVoteInput,
    description: 'Needed under the commissionVote tie rule, or when the rule leaves a tie',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommissionVoteInput)
  vote?: CommissionVoteInput;
}

export class ProtocolQuery {
  @ApiPropertyOptional({ enum: [1, 2], description: 'Default: the last round closed' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn([1, 2])
  round?: 1 | 2;
}

/** A member's total for one application: shown to the round's chair and secretary only. */
export class MemberTotalView {
  @ApiProperty() applicationId: string;
  @ApiProperty() memberUserId: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'The member’s z-score over the applications they scored' })
  z: number;
}

export class ProtocolView {
  @ApiProperty() lotId: string;
  @ApiProperty({ enum: [1, 2] }) round: number;
  @ApiProperty({ description: '2, 3… when the meeting closed again after an annulled award' })
  sequence: number;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When an annulled award made this protocol give way to the next',
  })
  supersededAt: Date | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The protocol (format soczakaz.evaluation-protocol/1); no individual sheets',
  })
  protocol: EvaluationProtocolDocument;
  @ApiProperty({ description: 'sha-256 (hex) of the protocol’s canonical JSON' })
  protocolHash: string;
  @ApiProperty({ type: String, format: 'date-time' }) closedAt: Date;
  @ApiProperty() closedBy: string;
  @ApiPropertyOptional({
    type: [MemberTotalView],
    description: 'For the round’s chair and secretary: each member’s total, outside the protocol',
  })
  memberTotals?: MemberTotalView[];
}

export class ClosedEvaluationView extends ProtocolView {
  @ApiProperty({ example: 'award.standstill' }) lotState: string;
  @ApiProperty() lotVersion: number;
}
