import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Share } from '@app/db';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export const SHARE_PASSWORD = { min: 8, max: 200 } as const;

export class CreateShareDto {
  @ApiPropertyOptional({ format: 'uuid', description: "one link's analytics; omitted: all of the creator's" })
  @IsOptional()
  @IsUUID(undefined, { message: 'linkId must be a UUID' })
  linkId?: string;

  @ApiPropertyOptional({
    description: `asked before the dashboard opens (${SHARE_PASSWORD.min} to ${SHARE_PASSWORD.max} characters)`,
  })
  @IsOptional()
  @IsString()
  @MinLength(SHARE_PASSWORD.min)
  @MaxLength(SHARE_PASSWORD.max)
  password?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:00:00Z', description: 'the share answers 404 from then on' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time with a time zone' })
  @MaxLength(40)
  expiresAt?: string;
}

export class ShareDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://lnk.example.com/share/3q2-7Rk…', description: 'the read-only dashboard; no sign-in' })
  url: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "null: all of the creator's analytics" })
  linkId: string | null;
  @ApiProperty() hasPassword: boolean;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
  @ApiProperty() createdAt: string;

  static from(share: Share, url: string): ShareDto {
    return Object.assign(new ShareDto(), {
      id: share.id,
      url,
      linkId: share.linkId,
      hasPassword: share.passwordHash !== null,
      expiresAt: share.expiresAt?.toISOString() ?? null,
      createdAt: share.createdAt.toISOString(),
    });
  }
}

export class ShareListDto {
  @ApiProperty({ type: [ShareDto] }) items: ShareDto[];
}

export class UnlockShareDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(SHARE_PASSWORD.max)
  password: string;
}

export class SharedLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() shortUrl: string;
}

/** What the shared view shows before any number: whose, of what, and whether it asks a password. */
export class SharedDashboardDto {
  @ApiProperty({ enum: ['creator', 'link'] }) scope: 'creator' | 'link';
  @ApiProperty() username: string;
  @ApiProperty({ example: 'Europe/Berlin', description: "the creator's time zone, the view's default" }) timezone: string;
  @ApiProperty({ type: SharedLinkDto, nullable: true }) link: SharedLinkDto | null;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
  @ApiProperty({ description: 'true: the numbers answer 401 until the password is given (POST …/unlock)' }) locked: boolean;
}
