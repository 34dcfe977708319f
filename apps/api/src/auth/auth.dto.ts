import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength, MinLength, Validate } from 'class-validator';
import type { Creator } from '@app/db';
import { IsTimeZoneConstraint } from '../http/time-zone.validator.js';
import { normaliseEmail } from './account.rules.js';

/** Every email is normalised where it enters (account.rules.ts): stored, looked up and counted as one string. */
export const NormalisedEmail = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value));

export const USERNAME_PATTERN = /^[a-z0-9_]{3,30}$/;

export class SignupDto {
  @ApiProperty({ example: 'ana@example.com', description: 'stored trimmed, NFKC-normalised and lower-cased' })
  @NormalisedEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @Length(8, 200, { message: 'password must be between 8 and 200 characters' })
  password: string;

  @ApiProperty({ example: 'ana', description: 'lowercase letters, digits and _, 3 to 30 characters; the page is /@username' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3 to 30 lowercase letters, digits or _' })
  username: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin' })
  @IsOptional()
  @Validate(IsTimeZoneConstraint)
  timezone?: string;
}

export class LoginDto {
  @ApiProperty()
  @NormalisedEmail()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'America/New_York' })
  @IsOptional()
  @Validate(IsTimeZoneConstraint)
  timezone?: string;

  @ApiPropertyOptional({ description: 'needs currentPassword' })
  @IsOptional()
  @NormalisedEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'the password in use now: required to change the email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  currentPassword?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3 to 30 lowercase letters, digits or _' })
  username?: string;

  @ApiPropertyOptional({
    description: 'whether new links add lp_cid to their target (conversion tracking) unless told otherwise',
  })
  @IsOptional()
  @IsBoolean()
  conversionTracking?: boolean;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217; revenue in this currency is listed first' })
  @IsOptional()
  @IsString()
  @Length(3, 3, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;
}

export class DeleteMeDto {
  @ApiProperty({ description: 'the current password, to confirm' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'the password in use now' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @Length(8, 200, { message: 'newPassword must be between 8 and 200 characters' })
  newPassword: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() username: string;
  @ApiProperty() timezone: string;
  @ApiProperty({ description: 'the default of new links' }) conversionTracking: boolean;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() createdAt: string;

  static from(creator: Creator): MeDto {
    return {
      id: creator.id,
      email: creator.email,
      username: creator.username,
      timezone: creator.timezone,
      conversionTracking: creator.conversionTracking,
      currency: creator.currency,
      createdAt: creator.createdAt.toISOString(),
    };
  }
}

export class AuthResultDto {
  @ApiProperty({ type: MeDto }) creator: MeDto;
}
