import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
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
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsTimeZone } from '../../common/is-time-zone.decorator.js';
import { PageMeta, PageQuery } from '../../common/pagination.js';
import { IsOptionalNotNull, trim } from '../../common/validation.js';
import { JURISDICTIONS, type Jurisdiction, type Programme } from '../programme.entity.js';
/** Largest amount accepted in minor units: 10^15 keeps every sum a safe integer. */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000;

export class NewProgramme {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The buyer; required for staff of several buyers',
  })
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiProperty({ example: 'Государственный социальный заказ на 2019 год' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ enum: JURISDICTIONS })
  @IsIn(JURISDICTIONS)
  jurisdiction: Jurisdiction;

  @ApiProperty({ example: '2019-01-01' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart: string;

  @ApiProperty({ example: '2019-12-31' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd: string;

  @ApiProperty({ example: 'KGS', description: 'ISO 4217' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as KGS' })
  currency: string;

  @ApiProperty({ example: 5_000_000_000, description: 'Minor units (tyiyn for KGS)' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  totalBudget: number;

  @ApiProperty({ example: 'kg-grant', description: 'A procedure profile from GET /workflows' })
  @IsString()
  @Length(1, 100)
  profileId: string;

  @ApiPropertyOptional({ example: 'Asia/Bishkek', description: 'Defaults to the buyer’s zone' })
  @IsOptionalNotNull()
  @IsTimeZone()
  timeZone?: string;
}

/** A field left out keeps its value; null is refused (every column is NOT NULL). */
export class ProgrammeUpdate extends PartialType(
  PickType(NewProgramme, ['title', 'periodStart', 'periodEnd', 'totalBudget', 'timeZone'] as const),
  { skipNullProperties: false },
) {}

export class ProgrammeView {
  @ApiProperty() id: string;
  @ApiProperty() buyerId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction: Jurisdiction;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Minor units' }) totalBudget: number;
  @ApiProperty({
    description:
      'Sum of its lots’ maximum amounts, minor units; unsuccessful and cancelled lots free theirs',
  })
  allocated: number;
  @ApiProperty() lotCount: number;
  @ApiProperty() profileId: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(programme: Programme, allocated: number, lotCount: number): ProgrammeView {
    const { id, buyerId, title, jurisdiction, periodStart, periodEnd, currency } = programme;
    const { totalBudget, profileId, timeZone, createdAt } = programme;
    return {
      id,
      buyerId,
      title,
      jurisdiction,
      periodStart,
      periodEnd,
      currency,
      totalBudget,
      allocated,
      lotCount,
      profileId,
      timeZone,
      createdAt,
    };
  }
}

export class ProgrammePage extends PageMeta {
  @ApiProperty({ type: [ProgrammeView] }) items: ProgrammeView[];
}

export class TerritoryInput {
  @ApiProperty({ example: 'Ошская обл.' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 133_300_000, description: 'Minor units' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR_UNITS)
  maxAmount: number;
}

export class IndicatorTargetInput {
  @ApiProperty({ example: 'children given temporary stay' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  description: string;

  @ApiProperty({ example: 25 })
  @IsInt()
  @Min(0)
  target: number;

  @ApiPropertyOptional({ example: 'children' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  unit?: string;
}

export class NewLot {
  @ApiProperty({ example: '1.3' })
  @Matches(/^\d+(\.\d+)*$/, { message: 'number must look like 1 or 1.3' })
  number: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  section?: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  theme: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  recipients?: string;

  @ApiPropertyOptional({ description: 'Socially useful goals' })
  @IsOptional()
  @IsString()
  @Length(1, 10000)
  goals?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  tasks?: string;

  @ApiProperty({ type: [TerritoryInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TerritoryInput)
  territories: TerritoryInput[];

  @ApiPropertyOptional({
    description: 'If given, must equal the sum of the territories (minor units)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  maxAmount?: number;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  durationMonths?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 10000)
  expectedResults?: string;

  @ApiPropertyOptional({ type: [IndicatorTargetInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetInput)
  indicatorTargets?: IndicatorTargetInput[];

  @ApiPropertyOptional({ example: ['ngo'], description: 'Who may apply' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(['ngo', 'social_enterprise', 'individual_entrepreneur', 'any_legal_entity'], { each: true })
  eligibility?: string[];
}

/** Null clears what the plan may leave empty (section, goals…); the rest may only be left out. */
export class LotUpdate extends PartialType(NewLot, { skipNullProperties: false }) {}

export class ProgrammeQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  buyer?: string;
}

export class PlanImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Create the consistent rows, skip the rest' })
  @IsOptional()
  @IsIn(['true', 'false'])
  partial?: 'true' | 'false';

  @ApiPropertyOptional({ default: false, description: 'Only report; create nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['units', 'thousands', 'millions'],
    default: 'thousands',
    description: 'The unit of figures written without one (seed 001 writes thousands)',
  })
  @IsOptional()
  @IsIn(['units', 'thousands', 'millions'])
  unit?: 'units' | 'thousands' | 'millions';
}
