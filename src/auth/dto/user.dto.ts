import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageMeta } from '../../common/pagination.js';
import { IsOptionalNotNull } from '../../common/validation.js';
import { Actor, type ActorMembership } from '../actor.js';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../membership.entity.js';
import { ORGANISATION_KINDS, VERIFICATION_STATUSES } from '../organisation.entity.js';
import type { OrganisationKind, VerificationStatus } from '../organisation.entity.js';
import { LOCALES, type Locale, type User } from '../user.entity.js';
import { NewUserFields, ProfileUpdate } from './auth.dto.js';
import { OrganisationView } from './organisation.dto.js';
import { USER_ROLES, type UserRole } from '../../../workflows/roles.js';

export class MembershipGrant {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class NewUser extends NewUserFields {
  @ApiPropertyOptional({
    description: 'Omit to have one generated and returned once',
    minLength: 12,
  })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;

  @ApiPropertyOptional({ type: [MembershipGrant] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MembershipGrant)
  memberships?: MembershipGrant[];
}

export class UserUpdate extends ProfileUpdate {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;
}

export class MembershipView implements ActorMembership {
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) organisationKind: OrganisationKind;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) verificationStatus: VerificationStatus;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) roles: UserRole[];
  @ApiProperty({ type: [MembershipView] }) memberships: MembershipView[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(user: User, memberships: ActorMembership[]): UserView {
    const { id, email, fullName, locale, isAdmin, active, createdAt } = user;
    const roles = new Actor(id, email, locale, isAdmin, memberships).roles;
    return { id, email, fullName, locale, isAdmin, active, createdAt, roles, memberships };
  }
}

export class CreatedUser extends UserView {
  @ApiPropertyOptional({ description: 'Present only when the password was generated: shown once' })
  initialPassword?: string;
}

export class UserPage extends PageMeta {
  @ApiProperty({ type: [UserView] }) items: UserView[];
}

export class NgoRegistered {
  @ApiProperty({ type: OrganisationView }) organisation: OrganisationView;
  @ApiProperty({ type: UserView }) user: UserView;
}
