import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import type { Link } from '@app/db';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  LINK_PAGE_SIZE,
  LINK_SORTS,
  LINK_STATUSES,
  type LinkRule,
  type LinkSort,
  type LinkStatus,
  SORT_ORDERS,
  type SortOrder,
} from '@app/common';
import { MAX_RULES, MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE_LENGTH, MAX_URL_LENGTH, RULE_DEVICES } from '@app/links';
import type { ListedLink } from '@app/db';

/** Room for whitespace around a value that is trimmed and checked precisely by the rules. */
const RAW_SLACK = 64;
/** A query parameter of digits read as a number (anything else is left for the validators to refuse). */
const wholeNumber = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value));
const defined = (field: string) => ValidateIf((dto: Record<string, unknown>) => dto[field] !== undefined);

export class CreateLinkDto {
  @ApiProperty({
    example: 'https://example.com/spring-sale',
    maxLength: MAX_URL_LENGTH,
    description: 'absolute http or https URL',
  })
  @IsString()
  @MaxLength(MAX_URL_LENGTH + RAW_SLACK)
  url: string;

  @ApiPropertyOptional({
    example: 'spring',
    description:
      '[A-Za-z0-9_-]{1,64}, matched exactly; refused when another link has it in any case; generated (7 characters without look-alikes) when omitted',
  })
  @IsOptional()
  @IsString()
  @MaxLength(RAW_SLACK)
  slug?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_TITLE_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TITLE_LENGTH + RAW_SLACK)
  title?: string | null;

  @ApiPropertyOptional({ default: false, description: 'show on the profile page, appended after its other links' })
  @defined('onProfile')
  @IsBoolean()
  onProfile?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2026-12-31T23:59:59Z',
    description: 'ISO 8601 with a zone, in the future',
  })
  @IsOptional()
  @IsString()
  @MaxLength(RAW_SLACK)
  expiresAt?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'where the link sends people once expired, instead of a 410 page',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL_LENGTH + RAW_SLACK)
  fallbackUrl?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGS,
    description: 'each 1 to 50 characters; stored trimmed, lowercased, deduplicated',
  })
  @defined('tags')
  @IsArray()
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({
    description:
      "the redirect adds lp_cid=<click id> to the target, for conversions on the creator's site; default: the creator's conversionTracking",
  })
  @defined('conversionTracking')
  @IsBoolean()
  conversionTracking?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: 'array',
    maxItems: MAX_RULES,
    items: {
      type: 'object',
      required: ['if', 'url'],
      properties: {
        if: {
          type: 'object',
          properties: {
            device: { type: 'array', items: { type: 'string', enum: [...RULE_DEVICES] } },
            os: { type: 'array', items: { type: 'string' }, example: ['iOS'] },
            language: { type: 'array', items: { type: 'string' }, example: ['de'] },
          },
        },
        url: { type: 'string', example: 'https://apps.apple.com/app/id123' },
      },
    },
    description:
      'targeting, first match wins (else url): a rule matches when the visitor matches every condition it names — device (mobile, tablet, desktop, other), OS name, primary language of Accept-Language; null or [] clears them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RULES)
  rules?: unknown[] | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2026-12-01T09:00:00Z',
    description: 'before this the link answers 404, or its fallbackUrl (ISO 8601 with a zone)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(RAW_SLACK)
  startsAt?: string | null;
}

/** Every field optional; `title`, `expiresAt`, `fallbackUrl`, `rules` and `startsAt` are cleared with null, the others refuse it. */
export class UpdateLinkDto extends PartialType(CreateLinkDto) {
  @ApiPropertyOptional({ description: 'archived links stop redirecting (404) and leave the profile page; their analytics stay' })
  @defined('archived')
  @IsBoolean()
  archived?: boolean;
}

/** The fields of a link that cannot be null (PartialType lets null through; `archived` refuses it itself). */
export const NON_NULLABLE_LINK_FIELDS = ['url', 'slug', 'onProfile', 'tags', 'conversionTracking'] as const;

export class ListLinksQueryDto {
  @ApiPropertyOptional({
    enum: LINK_STATUSES,
    description: 'active: redirecting now; expired: past its expiry; archived. Default: every link not archived',
  })
  @IsOptional()
  @IsIn(LINK_STATUSES, { message: `status must be one of ${LINK_STATUSES.join(', ')}` })
  status?: LinkStatus;

  @ApiPropertyOptional({ enum: ['false', 'true'], default: 'false', description: 'older form of status=archived' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'archived must be true or false' })
  archived?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'matched anywhere in the slug, title, URL or tags, case-insensitively', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ description: 'only links with this tag', maxLength: MAX_TAG_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TAG_LENGTH + RAW_SLACK)
  tag?: string;

  @ApiPropertyOptional({ enum: LINK_SORTS, default: 'created', description: "clicks: the link's clicks over the last 30 days" })
  @IsOptional()
  @IsIn(LINK_SORTS, { message: `sort must be one of ${LINK_SORTS.join(', ')}` })
  sort?: LinkSort;

  @ApiPropertyOptional({ enum: SORT_ORDERS, description: 'default: desc for created and clicks, asc for title' })
  @IsOptional()
  @IsIn(SORT_ORDERS, { message: 'order must be asc or desc' })
  order?: SortOrder;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LINK_PAGE_SIZE.max, default: LINK_PAGE_SIZE.default })
  @IsOptional()
  @wholeNumber()
  @IsInt({ message: `limit must be a whole number from 1 to ${LINK_PAGE_SIZE.max}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${LINK_PAGE_SIZE.max}` })
  @Max(LINK_PAGE_SIZE.max, { message: `limit must be a whole number from 1 to ${LINK_PAGE_SIZE.max}` })
  limit?: number;
}

export const QR_SIZE = { min: 64, max: 2048, default: 512 } as const;

export class QrQueryDto {
  @ApiPropertyOptional({
    minimum: QR_SIZE.min,
    maximum: QR_SIZE.max,
    default: QR_SIZE.default,
    description: 'width and height in pixels',
  })
  @IsOptional()
  @wholeNumber()
  @IsInt({ message: `size must be a whole number of pixels between ${QR_SIZE.min} and ${QR_SIZE.max}` })
  @Min(QR_SIZE.min, { message: `size must be at least ${QR_SIZE.min}` })
  @Max(QR_SIZE.max, { message: `size must be at most ${QR_SIZE.max}` })
  size?: number;

  @ApiPropertyOptional({ enum: ['1', '0'], description: '1: sent as an attachment to save' })
  @IsOptional()
  @IsIn(['1', '0', 'true', 'false'], { message: 'download must be 1 or 0' })
  download?: string;
}

export class LinkDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() onProfile: boolean;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) fallbackUrl: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() archived: boolean;
  @ApiProperty() conversionTracking: boolean;
  @ApiProperty({
    nullable: true,
    type: 'array',
    items: { type: 'object' },
    description: 'targeting rules, first match wins: [{if: {device?, os?, language?}, url}]',
  })
  rules: LinkRule[] | null;
  @ApiProperty({ nullable: true, type: String }) startsAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ example: 'https://lnk.example.com/spring' }) shortUrl: string;

  static from(link: Link, publicUrl: string): LinkDto {
    return {
      id: link.id,
      slug: link.slug,
      url: link.url,
      title: link.title,
      onProfile: link.onProfile,
      expiresAt: link.expiresAt?.toISOString() ?? null,
      fallbackUrl: link.fallbackUrl,
      tags: link.tags,
      archived: link.archivedAt !== null,
      conversionTracking: link.conversionTracking,
      rules: link.rules,
      startsAt: link.startsAt?.toISOString() ?? null,
      createdAt: link.createdAt.toISOString(),
      updatedAt: link.updatedAt.toISOString(),
      shortUrl: `${publicUrl}/${link.slug}`,
    };
  }
}

export class ListedLinkDto extends LinkDto {
  @ApiProperty({ description: 'clicks over the 30 days up to when the first page was asked' }) clicks30d: number;

  static fromListed(link: ListedLink, publicUrl: string): ListedLinkDto {
    return { ...LinkDto.from(link, publicUrl), clicks30d: link.clicks30d };
  }
}

export class LinkListDto {
  @ApiProperty({ type: [ListedLinkDto] }) items: ListedLinkDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
