import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';
import type { AnalyticsQuery } from '@app/analytics';
import {
  type CustomerResponse,
  type CustomersResponse,
  type CustomerSummary,
  DEFAULT_JOURNEYS_LIMIT,
  DEFAULT_PATHS_LIMIT,
  type JourneyStep,
  type JourneysResponse,
  MAX_JOURNEYS_LIMIT,
  MAX_PATH_STEPS,
  MAX_PATHS_LIMIT,
  type PathRow,
  type PathsResponse,
  type PathStep,
  type Revenue,
  SEGMENT_DIMENSIONS,
  type SegmentCounts,
  type SegmentDimension,
  type SegmentRow,
  SEGMENTS,
  type SegmentsResponse,
  STEP_TYPES,
  type StepType,
  type Visit,
} from '@app/common';
import { AnalyticsRangeDto, MetricValueDto, RangeQueryDto } from '../analytics/analytics.dto.js';
import { Cursor, Limit } from '../http/page-query.decorators.js';
import { IsTimeZoneConstraint } from '../http/time-zone.validator.js';
import { DEFAULT_CUSTOMERS_LIMIT, MAX_CUSTOMERS_LIMIT } from './customers.service.js';
import { DEFAULT_SEGMENT_ROWS, MAX_SEGMENT_ROWS } from './journeys.service.js';

// ----- requests ---------------------------------------------------------------------------------

export class JourneysQueryDto extends RangeQueryDto {
  @Limit(MAX_JOURNEYS_LIMIT, DEFAULT_JOURNEYS_LIMIT, 'visits per page')
  limit?: number;

  @Cursor()
  cursor?: string;
}

export class PathsQueryDto extends RangeQueryDto {
  @Limit(MAX_PATHS_LIMIT, DEFAULT_PATHS_LIMIT, 'paths; the rest is summed in `other`')
  limit?: number;
}

export class SegmentsQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({ enum: ['previous'], description: 'add the previous period [from − (to − from), from) and the change' })
  @IsOptional()
  @IsIn(['previous'], { message: 'compare must be "previous"' })
  compare?: 'previous';

  @ApiPropertyOptional({
    enum: SEGMENT_DIMENSIONS,
    description: "group visits by their first view or click's value (by=link: the first link clicked)",
  })
  @IsOptional()
  @IsIn(SEGMENT_DIMENSIONS, { message: `by must be one of ${SEGMENT_DIMENSIONS.join(', ')}` })
  by?: SegmentDimension;

  @Limit(MAX_SEGMENT_ROWS, DEFAULT_SEGMENT_ROWS, 'with by=: rows; the rest is summed in `other`')
  limit?: number;

  toSegmentsQuery(creatorId: string): AnalyticsQuery {
    return { ...this.toRange(creatorId), compare: this.compare === 'previous' };
  }
}

export class CustomersQueryDto {
  @Limit(MAX_CUSTOMERS_LIMIT, DEFAULT_CUSTOMERS_LIMIT, 'customers per page')
  limit?: number;

  @Cursor()
  cursor?: string;
}

export class CustomerQueryDto {
  @ApiPropertyOptional({
    description: "IANA time zone the visits' days are in. Default: the creator's.",
    example: 'Europe/Berlin',
  })
  @IsOptional()
  @Validate(IsTimeZoneConstraint, { message: 'tz must be an IANA time zone name such as Europe/Berlin' })
  tz?: string;
}

// ----- responses (mirror libs/common/src/journeys.types.ts) ---------------------------------------

export class JourneyStepDto implements JourneyStep {
  @ApiProperty({ enum: STEP_TYPES })
  type: StepType;
  @ApiProperty({ example: '2026-03-29T10:15:02.113Z' })
  at: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'the link clicked (a lead or sale: its click’s link)',
  })
  linkId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Spring sale (/spring)' })
  link: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'instagram' })
  source: string | null;
  @ApiPropertyOptional({ example: 'Purchase' })
  eventName?: string;
  @ApiPropertyOptional({ description: 'sales: minor units of currency', example: 4900 })
  amount?: number;
  @ApiPropertyOptional({ example: 'EUR' })
  currency?: string;
}

export class VisitDto implements Visit {
  @ApiProperty({ description: 'opaque, stable for one visitor id and day' })
  id: string;
  @ApiProperty({ example: '2026-03-29', description: 'the day in tz' })
  day: string;
  @ApiProperty()
  start: string;
  @ApiProperty()
  end: string;
  @ApiProperty({ enum: SEGMENTS })
  segment: (typeof SEGMENTS)[number];
  @ApiProperty({ example: 'instagram', description: "the first view or click's" })
  source: string;
  @ApiProperty({ example: 'DE' })
  country: string;
  @ApiProperty({ example: 'mobile' })
  device: string;
  @ApiProperty({ example: 'Instagram' })
  browser: string;
  @ApiProperty({ example: 'iOS' })
  os: string;
  @ApiProperty({ type: [JourneyStepDto], description: 'oldest first' })
  steps: JourneyStepDto[];
}

export class JourneysResponseDto implements JourneysResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiProperty({ type: [VisitDto], description: 'newest first, by first step' })
  visits: VisitDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class PathStepDto implements PathStep {
  @ApiProperty({ enum: STEP_TYPES })
  type: StepType;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  linkId: string | null;
  @ApiProperty({ type: String, nullable: true })
  link: string | null;
}

export class PathRowDto implements PathRow {
  @ApiProperty({ type: [PathStepDto], description: `the first ${MAX_PATH_STEPS} steps at most, repeats in a row merged` })
  steps: PathStepDto[];
  @ApiProperty()
  visits: number;
  @ApiProperty({ description: 'visits that went on beyond these steps' })
  continued: number;
}

export class PathsOtherDto {
  @ApiProperty()
  visits: number;
  @ApiProperty()
  paths: number;
}

export class PathsResponseDto implements PathsResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiProperty()
  totalVisits: number;
  @ApiProperty({ type: [PathRowDto] })
  paths: PathRowDto[];
  @ApiProperty({ type: PathsOtherDto })
  other: PathsOtherDto;
}

export class SegmentCountsDto implements SegmentCounts {
  @ApiProperty()
  visits: number;
  @ApiProperty()
  viewed: number;
  @ApiProperty()
  clicked: number;
  @ApiProperty()
  converted: number;
}

export class SegmentRowDto extends SegmentCountsDto implements SegmentRow {
  @ApiProperty({ example: 'tiktok' })
  value: string;
  @ApiPropertyOptional()
  label?: string;
  @ApiPropertyOptional({ type: SegmentCountsDto })
  previous?: SegmentCountsDto;
}

export class SegmentOtherDto extends SegmentCountsDto {
  @ApiProperty()
  values: number;
}

export class SegmentsResponseDto implements SegmentsResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiPropertyOptional({ type: AnalyticsRangeDto })
  previousRange?: AnalyticsRangeDto;
  @ApiProperty({ type: MetricValueDto, description: 'viewed + clicked + converted' })
  visits: MetricValueDto;
  @ApiProperty({ type: MetricValueDto, description: 'saw the profile, clicked nothing' })
  viewed: MetricValueDto;
  @ApiProperty({ type: MetricValueDto, description: 'clicked, did not convert' })
  clicked: MetricValueDto;
  @ApiProperty({ type: MetricValueDto, description: 'a lead or a sale' })
  converted: MetricValueDto;
  @ApiPropertyOptional({ enum: SEGMENT_DIMENSIONS })
  by?: SegmentDimension;
  @ApiPropertyOptional({ type: [SegmentRowDto] })
  rows?: SegmentRowDto[];
  @ApiPropertyOptional({ type: SegmentOtherDto })
  other?: SegmentOtherDto;
}

export class RevenueDto implements Revenue {
  @ApiProperty({ example: 'EUR' })
  currency: string;
  @ApiProperty({ example: 4900, description: 'minor units' })
  amount: number;
}

export class CustomerSummaryDto implements CustomerSummary {
  @ApiProperty({ example: 'cus_42' })
  customerId: string;
  @ApiProperty()
  firstSeenAt: string;
  @ApiProperty({ type: String, nullable: true })
  leadAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  linkId: string | null;
  @ApiProperty({ type: String, nullable: true })
  link: string | null;
  @ApiProperty()
  leads: number;
  @ApiProperty()
  sales: number;
  @ApiProperty({ type: [RevenueDto], description: "per currency, the creator's first" })
  revenue: RevenueDto[];
}

export class CustomersResponseDto implements CustomersResponse {
  @ApiProperty({ type: [CustomerSummaryDto], description: 'newest first' })
  customers: CustomerSummaryDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class CustomerResponseDto extends CustomerSummaryDto implements CustomerResponse {
  @ApiProperty({ type: [VisitDto], description: "the visits of the customer's clicks, oldest first" })
  visits: VisitDto[];
  @ApiProperty({ type: [JourneyStepDto], description: 'conversions tied to no click' })
  unattributed: JourneyStepDto[];
}
