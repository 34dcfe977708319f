import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROFILE_THEMES, type ProfileTheme } from '@app/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_URL_LENGTH } from '@app/links';
import type { ProfileOrderRow, ProfileRecord } from '@app/db';

export const MAX_PROFILE_TITLE = 100;
export const MAX_PROFILE_BIO = 500;
export const MAX_PROFILE_LINKS = 500;

export class ProfileLinkPlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'linkId must be a UUID' })
  linkId: string;

  @ApiProperty({ minimum: 0, description: 'order on the page, ascending; ties keep the order of the list' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position: number;

  @ApiProperty({ description: 'false: listed in the editor but not on the page' })
  @IsBoolean()
  visible: boolean;
}

export class UploadAvatarDto {
  @ApiProperty({
    description:
      'a data: URL of a PNG, JPEG or WebP image in base64, at most 45 kB and 1024×1024 pixels (the dashboard sends 256×256 WebP)',
    example: 'data:image/webp;base64,UklGR…',
  })
  @IsString()
  image: string;
}

/** A field left out stays as it is; `links`, when given, is the whole profile (links not listed leave it). */
export class UpdateProfileDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_PROFILE_TITLE })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PROFILE_TITLE)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_PROFILE_BIO })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PROFILE_BIO)
  bio?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'an https URL of an image, or null; the uploaded avatar is dropped when this changes',
    maxLength: MAX_URL_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL_LENGTH + 64)
  avatarUrl?: string | null;

  @ApiPropertyOptional({ enum: PROFILE_THEMES })
  @ValidateIf((dto: UpdateProfileDto) => dto.theme !== undefined)
  @IsIn([...PROFILE_THEMES], { message: `theme must be one of ${PROFILE_THEMES.join(', ')}` })
  theme?: ProfileTheme;

  @ApiPropertyOptional({ type: [ProfileLinkPlacementDto], maxItems: MAX_PROFILE_LINKS })
  @ValidateIf((dto: UpdateProfileDto) => dto.links !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_PROFILE_LINKS)
  @ValidateNested({ each: true })
  @Type(() => ProfileLinkPlacementDto)
  links?: ProfileLinkPlacementDto[];
}

export class ProfileLinkDto {
  @ApiProperty() linkId: string;
  @ApiProperty({ description: 'place in this list, from 0' }) position: number;
  @ApiProperty() visible: boolean;
  @ApiProperty() slug: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() url: string;
}

export class ProfileDto {
  @ApiProperty() username: string;
  @ApiProperty() title: string;
  @ApiProperty() bio: string;
  @ApiProperty({ nullable: true, type: String, description: 'an https URL, or /avatars/… for an uploaded image' })
  avatarUrl: string | null;
  @ApiProperty({ enum: PROFILE_THEMES }) theme: ProfileTheme;
  @ApiProperty({ type: [ProfileLinkDto], description: 'not archived: those on the page in order, then the others' })
  links: ProfileLinkDto[];
  @ApiProperty({ example: 'https://lnk.example.com/@ana' }) publicUrl: string;

  static from(profile: ProfileRecord, links: ProfileOrderRow[], publicUrl: string): ProfileDto {
    return {
      username: profile.username,
      title: profile.title,
      bio: profile.bio,
      avatarUrl: profile.avatarUrl,
      theme: profile.theme,
      links: links.map((link, position) => ({
        linkId: link.id,
        position,
        visible: link.onProfile,
        slug: link.slug,
        title: link.title,
        url: link.url,
      })),
      publicUrl: `${publicUrl}/@${profile.username}`,
    };
  }
}
