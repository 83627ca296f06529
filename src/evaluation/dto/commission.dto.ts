import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COMMISSION_OFFICES,
  NOMINATORS,
  type CommissionOffice,
  type Nominator,
} from '../commission-member.entity.js';
import {
  CONFLICT_LINKS,
  type ConflictLink,
  type DeclaredLink,
} from '../conflict-declaration.entity.js';
import { trim } from '../../common/validation.js';

const ROUNDS = [1, 2] as const;

export class CommissionMemberInput {
  @ApiProperty({ format: 'uuid', description: "A commission member of the lot's buyer" })
  @IsUUID('4')
  userId: string;

  @ApiProperty({ enum: COMMISSION_OFFICES })
  @IsIn(COMMISSION_OFFICES)
  office: CommissionOffice;

  @ApiPropertyOptional({ enum: NOMINATORS, description: 'Required where the profile sets shares' })
  @IsOptional()
  @IsIn(NOMINATORS)
  nominatedBy?: Nominator;
}

export class CommissionRequest {
  @ApiPropertyOptional({ enum: ROUNDS, default: 1 })
  @IsOptional()
  @IsIn(ROUNDS)
  round?: 1 | 2;

  @ApiProperty({ type: [CommissionMemberInput], description: 'The whole commission of the round' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CommissionMemberInput)
  members: CommissionMemberInput[];
}

export class DrawPoolInput {
  @ApiProperty({ type: [String], description: 'The expert register: user ids, in any order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  from: string[];

  @ApiProperty({ example: 5, description: 'How many to draw from this register' })
  @IsInt()
  @Min(1)
  @Max(100)
  size: number;

  @ApiPropertyOptional({ enum: NOMINATORS, description: 'Who named the experts of this register' })
  @IsOptional()
  @IsIn(NOMINATORS)
  nominatedBy?: Nominator;
}

export class DrawRequest {
  @ApiPropertyOptional({ enum: ROUNDS, default: 1 })
  @IsOptional()
  @IsIn(ROUNDS)
  round?: 1 | 2;

  @ApiPropertyOptional({
    example: '2026-11-25 public draw, ticket 41',
    description: 'Any text; 128 random bits in hex when left out. The same seed draws the same',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  seed?: string;

  @ApiProperty({
    type: [DrawPoolInput],
    description: 'One register, or one per nominator (e.g. NGOs’ experts and the operator’s)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => DrawPoolInput)
  pools: DrawPoolInput[];

  @ApiPropertyOptional({ format: 'uuid', description: 'A drawn member; default: the first drawn' })
  @IsOptional()
  @IsUUID('4')
  chair?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A drawn member; default: none' })
  @IsOptional()
  @IsUUID('4')
  secretary?: string;
}

export class DeclaredLinkInput implements DeclaredLink {
  @ApiProperty({ format: 'uuid', description: 'A submitted application of the lot' })
  @IsUUID('4')
  applicationId: string;

  @ApiProperty({ enum: CONFLICT_LINKS })
  @IsIn(CONFLICT_LINKS)
  link: ConflictLink;

  @ApiPropertyOptional({ example: 'Sat on its board until 2025' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class DeclarationRequest {
  @ApiPropertyOptional({ enum: ROUNDS, description: 'Default: the round under way' })
  @IsOptional()
  @IsIn(ROUNDS)
  round?: 1 | 2;

  @ApiProperty({
    type: [DeclaredLinkInput],
    description: 'Empty: no conflict. An amendment repeats every earlier link and adds new ones',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DeclaredLinkInput)
  links: DeclaredLinkInput[];
}

export class DeclaredLinkView implements DeclaredLink {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: CONFLICT_LINKS }) link: ConflictLink;
  @ApiPropertyOptional() note?: string;
}

export class DeclarationView {
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ enum: ROUNDS }) round: number;
  @ApiProperty({ format: 'uuid' }) memberUserId: string;
  @ApiProperty({ type: [DeclaredLinkView] }) links: DeclaredLinkView[];
  @ApiProperty({ type: String, format: 'date-time', description: 'First declared' })
  declaredAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'Last declared or amended' })
  changedAt: Date;
}

export class CommissionMemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: COMMISSION_OFFICES }) office: CommissionOffice;
  @ApiProperty({ enum: NOMINATORS, nullable: true }) nominatedBy: Nominator | null;
  @ApiProperty({ description: 'Has declared conflicts of interest for this round' })
  declared: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) declaredAt: Date | null;
}

export class DrawPoolView {
  @ApiProperty({ type: [String], description: 'The register as drawn from: sorted ids' })
  register: string[];
  @ApiProperty() size: number;
  @ApiProperty({ enum: NOMINATORS, nullable: true }) nominatedBy: Nominator | null;
}

export class CommissionDrawView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description:
      'With each pool’s sorted register and the label <lotId>/<round>/<pool number from 1>, ' +
      'anyone can redo the draw: Fisher–Yates driven by SHA-256 of "<seed>\\n<label>\\n<counter>"',
  })
  seed: string;
  @ApiProperty({ type: [DrawPoolView] }) pools: DrawPoolView[];
  @ApiProperty({ type: [String], description: 'Drawn, pool after pool, in order' })
  drawn: string[];
  @ApiProperty({ format: 'uuid' }) drawnBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) drawnAt: Date;
}

export class CommissionRoundView {
  @ApiProperty({ enum: ROUNDS }) round: number;
  @ApiProperty({ type: [CommissionMemberView] }) members: CommissionMemberView[];
  @ApiProperty({ description: 'Draws made for this round, redraws included' }) draws: number;
  @ApiProperty({ type: CommissionDrawView, nullable: true }) lastDraw: CommissionDrawView | null;
}

export class CommissionView {
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty() lotState: string;
  @ApiProperty({ enum: ROUNDS }) currentRound: number;
  @ApiProperty({ type: [CommissionRoundView], description: 'Each round that has a commission' })
  rounds: CommissionRoundView[];
}
