import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsTimeZone } from '../../common/is-time-zone.decorator.js';
import { IsOptionalNotNull, trim } from '../../common/validation.js';
import { LOCALES, type Locale } from '../user.entity.js';

export class LoginRequest {
  @ApiProperty({ example: 'admin@example.org' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class AccessToken {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
}

export class NewPassword {
  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

export class NewUserFields {
  @ApiProperty({ example: 'aigul@ngo.kg' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Айгуль Токтогулова' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'ru' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class RegistrantUser extends NewUserFields {
  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

export class RegistrantOrganisation {
  @ApiProperty({ example: 'ОО «Центр поддержки семьи»' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiProperty({ example: 'KG', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as KG' })
  country: string;

  @ApiProperty({ example: 'Asia/Bishkek' })
  @IsTimeZone()
  timeZone: string;

  @ApiPropertyOptional({ example: '123456-3301-OO' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  registrationNumber?: string;
}

export class NgoRegistration {
  @ApiProperty({ type: RegistrantOrganisation })
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrantOrganisation)
  organisation: RegistrantOrganisation;

  @ApiProperty({ type: RegistrantUser })
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrantUser)
  user: RegistrantUser;
}

export class PasswordChange {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword: string;
}

export class ProfileUpdate {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptionalNotNull()
  @IsIn(LOCALES)
  locale?: Locale;
}
