import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageMeta, PageQuery } from '../../common/pagination.js';
import { IsOptionalNotNull, trim } from '../../common/validation.js';
import { IndicatorTargetInput, MAX_MINOR_UNITS } from '../../programmes/dto/programme.dto.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application.entity.js';

export class TerritoryRequestInput {
  @ApiProperty({ example: 'Ошская обл.', description: 'A territory of the lot, as it names it' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 120_000_000, description: 'Minor units' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR_UNITS)
  amount: number;
}

export class StaffMemberInput {
  @ApiProperty({ example: 'social worker' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  role: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  qualification?: string;
}

export class BudgetLineInput {
  @ApiProperty({ example: 'Rent of the hostel' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  item: string;

  @ApiProperty({ description: 'Minor units' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  amount: number;
}

/** The proposal's fields; all optional in a draft, checked as a whole when it is submitted. */
export class ApplicationChanges {
  @ApiPropertyOptional({
    description: 'Minor units; when territories are given, their sum (may be left out)',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  requestedAmount?: number;

  @ApiPropertyOptional({ type: [TerritoryRequestInput] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TerritoryRequestInput)
  territories?: TerritoryRequestInput[];

  @ApiPropertyOptional({ description: 'How the NGO will deliver the service' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20_000)
  approach?: string;

  @ApiPropertyOptional({ type: [StaffMemberInput] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => StaffMemberInput)
  staff?: StaffMemberInput[];

  @ApiPropertyOptional({ type: [BudgetLineInput] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineInput)
  budgetLines?: BudgetLineInput[];

  @ApiPropertyOptional({ type: [IndicatorTargetInput] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetInput)
  indicatorCommitments?: IndicatorTargetInput[];
}

export class NewApplication extends ApplicationChanges {
  @ApiPropertyOptional({ format: 'uuid', description: 'The NGO; required for members of several' })
  @IsOptional()
  @IsUUID()
  ngoId?: string;
}

export class DocumentUpload {
  @ApiProperty({
    example: 'charter',
    description: "A required document's code from the call, or 'other'",
  })
  @Matches(/^[a-z][a-z0-9-]{0,49}$/, { message: 'kind must be a document code such as charter' })
  kind: string;
}

export class MyApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class ApplicationDocumentView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt: Date;
}

export class ReceiptView {
  @ApiProperty() applicationId: string;
  @ApiProperty() revision: number;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: Date;
  @ApiProperty({ description: 'sha-256 (hex) of the canonical JSON of `content`' })
  sha256: string;
  @ApiProperty({ description: 'What the hash covers: the proposal and each document’s sha-256' })
  content: Record<string, unknown>;
}

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() lotId: string;
  @ApiProperty() ngoId: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty() revision: number;
  @ApiProperty({ description: 'Minor units' }) requestedAmount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [TerritoryRequestInput] }) territories: TerritoryRequestInput[];
  @ApiProperty() approach: string;
  @ApiProperty({ type: [StaffMemberInput] }) staff: StaffMemberInput[];
  @ApiProperty({ type: [BudgetLineInput] }) budgetLines: BudgetLineInput[];
  @ApiProperty({ type: [IndicatorTargetInput] })
  indicatorCommitments: IndicatorTargetInput[];
  @ApiProperty({ type: [ApplicationDocumentView] }) documents: ApplicationDocumentView[];
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) receiptHash: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class MyApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() lotId: string;
  @ApiProperty() lotNumber: string;
  @ApiProperty() lotTheme: string;
  @ApiProperty() ngoId: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ example: 'evaluation.admissibility' }) lotState: string;
  @ApiProperty({ example: 'evaluation' }) stage: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the lot’s current stage is due to end (its earliest pending deadline)',
  })
  nextDate: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) nextDeadline: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Published outcome: unsuccessful or cancelled lot; from the award on, awarded or notAwarded',
  })
  outcome: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) receiptHash: string | null;
}

export class MyApplicationPage extends PageMeta {
  @ApiProperty({ type: [MyApplicationView] }) items: MyApplicationView[];
}

export class LotApplicationsSummary {
  @ApiProperty() lotId: string;
  @ApiProperty({ description: 'Submitted and not withdrawn' }) submitted: number;
  @ApiProperty({ description: 'Being drafted' }) drafts: number;
  @ApiProperty() withdrawn: number;
}

export class LotApplicationEntry {
  @ApiProperty() id: string;
  @ApiProperty() ngoId: string;
  @ApiProperty() ngoName: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) receiptHash: string | null;
}
