import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LOCALES, type Locale } from '../../auth/user.entity.js';
import { HEARING_DECISIONS, type HearingDecision } from '../hearing-lot.entity.js';
import type { HearingProtocol } from '../hearing-protocol.js';
import type { HearingDocument } from '../hearing.entity.js';
import { trim } from '../../common/validation.js';

const lowerTrim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const WEB_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class HearingDocumentInput {
  @ApiProperty({ example: 'Проект программы государственного социального заказа на 2021 год' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: 'https://probation.minjust.gov.kg/ru/gossoczakaz/672.html' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(WEB_URL, { message: 'url must be an http(s) URL' })
  url: string;
}

/** The notice of a hearing: when, where or online (at least one), what to read. */
export class HearingNotice {
  @ApiProperty({
    example: '2026-03-02T10:00:00+06:00',
    description: 'Date and time with its UTC offset; after registration closes',
  })
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'heldAt must be a date and time with its offset, e.g. 2026-03-02T10:00:00+06:00',
  })
  heldAt: string;

  @ApiPropertyOptional({ example: 'Бишкек, ул. Орозбекова 37, зал заседаний' })
  @ValidateIf((notice: HearingNotice) => notice.place !== undefined || !notice.onlineUrl)
  @Transform(trim)
  @IsString({ message: 'place or onlineUrl must be given: where the hearing is held' })
  @Length(1, 500)
  place?: string;

  @ApiPropertyOptional({ example: 'https://meet.example.kg/hearing-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(WEB_URL, { message: 'onlineUrl must be an http(s) URL' })
  onlineUrl?: string;

  @ApiPropertyOptional({ type: [HearingDocumentInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HearingDocumentInput)
  documents?: HearingDocumentInput[];

  @ApiPropertyOptional({ example: 'Обсуждение проекта программы по социальным общежитиям' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  description?: string;
}

export class NewRegistration {
  @ApiProperty({ example: 'Айгуль Токтосунова' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'ОО «Реабилитация»' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  organisation?: string;

  @ApiProperty({ example: 'aigul@example.kg', description: 'Confirmation is sent here' })
  @Transform(lowerTrim)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiPropertyOptional({ example: '+996 312 315945' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{4,29}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'ru', description: 'Language of the email' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class RegistrantToken {
  @ApiProperty({ description: 'The code from the confirmation email' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token must be the code from the email' })
  token: string;
}

export class RegistrantComment extends RegistrantToken {
  @ApiProperty({ example: 'Предлагаем добавить Баткенскую область.' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  text: string;
}

export class NgoComment {
  @ApiProperty({ example: 'Предлагаем увеличить срок до 12 месяцев.' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  text: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The NGO; required for members of several' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class CommentAnswer {
  @ApiProperty({ example: 'Учтено: Баткенская область добавлена в лот 1.1.' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  text: string;
}

export class ProtocolApproval {
  @ApiProperty({ enum: HEARING_DECISIONS })
  @IsIn(HEARING_DECISIONS)
  decision: HearingDecision;

  @ApiPropertyOptional({ example: 'Замечания учтены; объявить конкурс.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  note?: string;
}

export class RevisionRequest {
  @ApiProperty({ example: 'По итогам слушаний добавить Баткенскую область' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class HearingDocumentView implements HearingDocument {
  @ApiProperty() title: string;
  @ApiProperty() url: string;
}

export class HearingNoticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ type: String, format: 'date-time' }) heldAt: Date;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [HearingDocumentView] }) documents: HearingDocumentView[];
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt: Date;
}

export class HearingLotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: string;
  @ApiProperty() theme: string;
  @ApiProperty() state: string;
  @ApiProperty() version: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The lot’s hearingRegistration deadline (end of the day in the buyer’s zone)',
  })
  registrationDeadline: Date | null;
}

export class PublishedHearingView {
  @ApiProperty({ type: HearingNoticeView }) notice: HearingNoticeView;
  @ApiProperty({ type: [HearingLotView] }) lots: HearingLotView[];
}

export class HearingCounts {
  @ApiProperty({ description: 'Confirmed registrations' }) participants: number;
  @ApiProperty() comments: number;
  @ApiProperty() answered: number;
}

export class PublicHearingView {
  @ApiProperty({ type: HearingNoticeView }) notice: HearingNoticeView;
  @ApiProperty({ type: HearingLotView }) lot: HearingLotView;
  @ApiProperty({ description: 'The lot is in registration and its deadline has not passed' })
  registrationOpen: boolean;
  @ApiProperty({ type: HearingCounts }) counts: HearingCounts;
  @ApiProperty({ enum: ['draft', 'approved'] }) protocolStatus: 'draft' | 'approved';
  @ApiProperty({ enum: HEARING_DECISIONS, nullable: true }) decision: HearingDecision | null;
}

export class RegistrationReceipt {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) hearingId: string;
  @ApiProperty() email: string;
  @ApiProperty() confirmed: boolean;
  @ApiProperty() detail: string;
}

export class ConfirmedRegistration {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) hearingId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date-time' }) confirmedAt: Date;
}

export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) organisation: string | null;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) registeredAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
}

export class CommentAuthorView {
  @ApiProperty({ enum: ['participant', 'ngo'] }) kind: 'participant' | 'ngo';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A participant’s name; null for an NGO',
  })
  name: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation: string | null;
}

export class AnswerView {
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'date-time' }) answeredAt: string;
}

export class CommentView {
  @ApiProperty() number: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: CommentAuthorView }) author: CommentAuthorView;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: AnswerView, nullable: true }) answer: AnswerView | null;
}

export class ProtocolView {
  @ApiProperty({ enum: ['draft', 'approved'] }) status: 'draft' | 'approved';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Of the approved protocol: sha-256 (hex) of its canonical JSON (keys sorted)',
  })
  sha256: string | null;
  @ApiProperty({
    type: Object,
    description: 'lot, notice, participants, comments with answers, decision',
  })
  protocol: HearingProtocol;
}
