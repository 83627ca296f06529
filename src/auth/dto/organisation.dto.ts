import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageMeta, PageQuery } from '../../common/pagination.js';
import { trim } from '../../common/validation.js';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../membership.entity.js';
import {
  ORGANISATION_KINDS,
  VERIFICATION_STATUSES,
  type Organisation,
  type OrganisationKind,
  type VerificationStatus,
} from '../organisation.entity.js';
import { RegistrantOrganisation, NewUserFields } from './auth.dto.js';

export class NewOrganisation extends RegistrantOrganisation {
  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;
}

export class OrganisationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES)
  verificationStatus?: VerificationStatus;
}

export class VerificationDecision {
  @ApiProperty({ enum: ['verified', 'rejected'] })
  @IsIn(['verified', 'rejected'])
  decision: 'verified' | 'rejected';

  @ApiPropertyOptional({ description: 'Why; required when rejecting', maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class NewMember extends NewUserFields {
  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class OrganisationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty() timeZone: string;
  @ApiPropertyOptional({ type: String, nullable: true }) registrationNumber: string | null;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) verificationStatus: VerificationStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) verificationNote: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  verifiedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(organisation: Organisation): OrganisationView {
    const { id, kind, name, country, timeZone, registrationNumber, verificationStatus } =
      organisation;
    const { verificationNote, verifiedAt, createdAt } = organisation;
    return {
      id,
      kind,
      name,
      country,
      timeZone,
      registrationNumber,
      verificationStatus,
      verificationNote,
      verifiedAt,
      createdAt,
    };
  }
}

export class OrganisationPage extends PageMeta {
  @ApiProperty({ type: [OrganisationView] }) items: OrganisationView[];
}
