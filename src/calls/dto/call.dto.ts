import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { LOCALES } from '../../auth/user.entity.js';
import { IsOptionalNotNull, trim } from '../../common/validation.js';
import { MAX_MINOR_UNITS } from '../../programmes/dto/programme.dto.js';
import {
  AMENDABLE_FIELDS,
  TIE_RULES,
  type AmendableField,
  type CallThresholds,
  type Criterion,
  type LocalizedText,
  type RequiredDocument,
  type TieRule,
} from '../call-announcement.entity.js';
const CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,49}$/;
const CODE_MESSAGE = 'must be a code of letters, digits, _ . - starting with a letter (≤ 50)';
const POINTS = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 } as const;

/** A localized text names at least one language. */
function HasSomeLanguage(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasSomeLanguage',
      validator: {
        validate: (value) =>
          typeof value === 'object' &&
          value !== null &&
          LOCALES.some((locale) => typeof (value as LocalizedText)[locale] === 'string'),
        defaultMessage: (args) =>
          `${args?.property} must be given in at least one of ${LOCALES.join(', ')}`,
      },
    },
    options,
  );
}

export class LocalizedTextInput implements LocalizedText {
  @ApiPropertyOptional({ example: 'Опыт работы с целевой группой' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  ru?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  ky?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  kk?: string;

  @ApiPropertyOptional({ example: 'Досвід роботи з цільовою групою' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  uk?: string;

  @ApiPropertyOptional({ example: 'Experience with the target group' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  en?: string;
}

export class CriterionInput {
  @ApiProperty({ example: 'experience' })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ type: LocalizedTextInput })
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  title: LocalizedTextInput;

  @ApiProperty({ example: 30, description: 'More than 0; up to 2 decimals' })
  @IsNumber(POINTS)
  @IsPositive()
  @Max(1000)
  maxPoints: number;

  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @IsNumber({ ...POINTS, maxDecimalPlaces: 4 })
  @IsPositive()
  @Max(100)
  weight?: number;

  @ApiPropertyOptional({ example: 10, description: 'At most maxPoints' })
  @IsOptional()
  @IsNumber(POINTS)
  @Min(0)
  minimum?: number;

  @ApiProperty({ description: 'Members may mark it not applicable (left out, never zero)' })
  @IsBoolean()
  naAllowed: boolean;
}

export class RequiredDocumentInput {
  @ApiProperty({ example: 'statute' })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ type: LocalizedTextInput })
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  title: LocalizedTextInput;

  @ApiPropertyOptional({ example: ['application/pdf'], description: 'Any, if left out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((type) => (typeof type === 'string' ? type.trim().toLowerCase() : type))
      : value,
  )
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, {
    each: true,
    message: 'mimeTypes must be MIME types such as application/pdf',
  })
  mimeTypes?: string[];
}

export class ThresholdsInput implements CallThresholds {
  @ApiPropertyOptional({ example: 60, description: 'Total an application must reach' })
  @IsOptional()
  @IsNumber(POINTS)
  @Min(0)
  minTotal?: number;
}

/** What an announcement says, besides the call's length. */
export class CallAnnouncementFields {
  @ApiPropertyOptional({ description: 'The call in the buyer’s words' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 20000)
  description?: string;

  @ApiProperty({ type: [CriterionInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriterionInput)
  criteria: CriterionInput[];

  @ApiProperty({ enum: TIE_RULES })
  @IsIn(TIE_RULES)
  tieRule: TieRule;

  @ApiPropertyOptional({ description: 'The code of a criterion; with tieRule priorityCriterion' })
  @IsOptional()
  @Matches(CODE, { message: `priorityCriterion ${CODE_MESSAGE}` })
  priorityCriterion?: string;

  @ApiPropertyOptional({ type: ThresholdsInput })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ThresholdsInput)
  thresholds?: ThresholdsInput;

  @ApiPropertyOptional({
    example: ['ngo'],
    description: 'Within the lot’s plan; default: the plan’s',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(/^[a-z_]{1,50}$/, { each: true, message: 'eligibility entries look like ngo' })
  eligibility?: string[];

  @ApiPropertyOptional({ type: [RequiredDocumentInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequiredDocumentInput)
  requiredDocuments?: RequiredDocumentInput[];

  @ApiPropertyOptional({
    example: 22_999_980,
    description: 'Most one application may request, minor units; default: the lot’s maximum',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR_UNITS)
  maxAmount?: number;
}

export class CallAnnouncementRequest extends CallAnnouncementFields {
  @ApiProperty({
    example: 10,
    description: 'Days until the call closes, in the profile’s counting',
  })
  @IsInt()
  @Min(1)
  @Max(366)
  callPeriodDays: number;
}

/** The fields an amendment replaces; a list (criteria, documents) is replaced as a whole. */
export class CallChanges extends PartialType(CallAnnouncementFields, {
  skipNullProperties: false,
}) {}

export class CallAmendmentRequest {
  @ApiPropertyOptional({ type: CallChanges, description: 'Any announcement field but the length' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CallChanges)
  changes?: CallChanges;

  @ApiPropertyOptional({
    example: 3,
    description: 'Days the closing moves by (0 to 366); more are added if too few would remain',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  extendByDays?: number;

  @ApiProperty({ example: 'Criterion 2 reworded after a question' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note: string;
}

export class LocalizedTextView implements LocalizedText {
  @ApiPropertyOptional() ru?: string;
  @ApiPropertyOptional() ky?: string;
  @ApiPropertyOptional() kk?: string;
  @ApiPropertyOptional() uk?: string;
  @ApiPropertyOptional() en?: string;
}

export class CriterionView implements Criterion {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedText;
  @ApiProperty() maxPoints: number;
  @ApiProperty() weight: number;
  @ApiProperty({ type: Number, nullable: true }) minimum: number | null;
  @ApiProperty() naAllowed: boolean;
}

export class RequiredDocumentView implements RequiredDocument {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedText;
  @ApiProperty({ type: [String] }) mimeTypes: string[];
}

export class ThresholdsView implements CallThresholds {
  @ApiPropertyOptional() minTotal?: number;
}

export class PeriodView {
  @ApiProperty({ type: String, format: 'date-time' }) startDate: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'The end of the last day in the buyer’s zone, inclusive',
  })
  endDate: Date;
}

export class AmendmentView {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty() note: string;
  @ApiProperty({ enum: AMENDABLE_FIELDS, isArray: true }) changedFields: AmendableField[];
  @ApiProperty({ description: 'Days the buyer extended the call by' }) extendByDays: number;
  @ApiProperty({ description: 'Days added so that the profile’s minimum remained' })
  autoExtendedByDays: number;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt: Date;
}

/** The call as published: its current announcement, its periods and its amendments. */
export class CallView {
  @ApiProperty() lotId: string;
  @ApiProperty({ example: 'callForBids.open' }) lotState: string;
  @ApiProperty({ description: 'The lot’s version (for If-Match)' }) lotVersion: number;
  @ApiProperty({ description: 'The announcement’s version: 1, then one more per amendment' })
  version: number;
  @ApiProperty() callPeriodDays: number;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [CriterionView] }) criteria: Criterion[];
  @ApiProperty({ enum: TIE_RULES }) tieRule: TieRule;
  @ApiProperty({ type: String, nullable: true }) priorityCriterion: string | null;
  @ApiProperty({ type: ThresholdsView }) thresholds: CallThresholds;
  @ApiProperty({ type: [String] }) eligibility: string[];
  @ApiProperty({ type: [RequiredDocumentView] }) requiredDocuments: RequiredDocument[];
  @ApiProperty({ description: 'Minor units' }) maxAmount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: PeriodView, description: 'Applications: until the callClose deadline' })
  tenderPeriod: PeriodView;
  @ApiProperty({ type: PeriodView, description: 'Clarification questions' })
  enquiryPeriod: PeriodView;
  @ApiProperty({ type: [AmendmentView] }) amendments: AmendmentView[];
}

export class AmendedCallView extends CallView {
  @ApiProperty({ description: 'Days added to yours so that the profile’s minimum remains' })
  autoExtendedByDays: number;
}
