import { applyDecorators, BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, Validate } from 'class-validator';
import {
  type AnalyticsRange,
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  HUMAN_DIMENSIONS,
  type HumanDimension,
  type BreakdownResponse,
  type BreakdownRow,
  FUNNEL_STEPS,
  type FunnelResponse,
  type FunnelStep,
  type FunnelStepCount,
  type LiveEvent,
  type MetricValue,
  type MoneyAmount,
  type OverviewResponse,
  type RatioMetric,
  TIMESERIES_INTERVALS,
  type TimePatternsResponse,
  type TimeseriesInterval,
  type TimeseriesPoint,
  type TimeseriesResponse,
} from '@app/common';
import {
  type AnalyticsQuery,
  DEFAULT_BREAKDOWN_LIMIT,
  type FilterDimension,
  FILTER_DIMENSIONS,
  type Filters,
  MAX_BREAKDOWN_LIMIT,
  MAX_RANGE_DAYS,
} from '@app/analytics';
import { IsTimeZoneConstraint } from '../http/time-zone.validator.js';
import { parseInstant } from './instant.parser.js';

const DEFAULT_RANGE_MS = 30 * 86_400_000;

/** What the API documentation shows for some filters; the list of filters itself is FILTER_DIMENSIONS. */
const FILTER_DOCS: Partial<Record<FilterDimension, { example?: string; enum?: string[] }>> = {
  source: { example: 'instagram' },
  referrer: { example: 't.co' },
  country: { example: 'DE' },
  device: { example: 'mobile' },
  via: { enum: ['direct', 'qr', 'profile'] },
};

/** A drill-down filter parameter: only events with this value of the dimension of the same name. */
function FilterValue(dimension: FilterDimension): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      description: 'drill-down filter: only events with this value (as breakdowns report it; empty means none)',
      ...FILTER_DOCS[dimension],
    }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );
}

// ----- requests ---------------------------------------------------------------------------------

/** A range of time and the zone its days are in: what every analytics endpoint takes. */
export class RangeQueryDto {
  @ApiPropertyOptional({
    description: `start of the range, inclusive: ISO 8601 with Z or an offset. Default: 30 days before \`to\`. At most ${MAX_RANGE_DAYS} days before \`to\`.`,
    example: '2026-03-01T00:00:00+01:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({
    description: 'end of the range, exclusive: ISO 8601 with Z or an offset. Default: now.',
    example: '2026-04-01T00:00:00+02:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({
    description: "IANA time zone for days, weeks, months and hours of day. Default: the creator's.",
    example: 'Europe/Berlin',
  })
  @IsOptional()
  @Validate(IsTimeZoneConstraint, { message: 'tz must be an IANA time zone name such as Europe/Berlin' })
  tz?: string;

  /** The service's query for this creator: from/to parsed and defaulted (a 400 when unreadable). */
  toRange(creatorId: string, now = Date.now()): AnalyticsQuery {
    const to = this.to === undefined ? now : instant('to', this.to);
    const from = this.from === undefined ? to - DEFAULT_RANGE_MS : instant('from', this.from);
    return { creatorId, from, to, tz: this.tz };
  }
}

/**
 * The query of the analytics numbers: range, zone, link, comparison, and one drill-down filter
 * parameter per FILTER_DIMENSIONS (declared below the class, from that list).
 */
export class AnalyticsQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({ description: "only this link's events (another creator's link answers 404)", format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'linkId must be a UUID' })
  linkId?: string;

  @ApiPropertyOptional({
    enum: ['previous'],
    description: 'add the previous period [from − (to − from), from) and the relative change',
  })
  @IsOptional()
  @IsIn(['previous'], { message: 'compare must be "previous"' })
  compare?: 'previous';

  /** The service's query for this creator; from/to parsed and defaulted (a 400 when unreadable). */
  toQuery(creatorId: string, now = Date.now()): AnalyticsQuery {
    const filters: Filters = {};
    for (const dimension of FILTER_DIMENSIONS) {
      const value = (this as FilterParams)[dimension];
      if (value !== undefined) filters[dimension] = value;
    }
    return { ...this.toRange(creatorId, now), linkId: this.linkId ?? null, filters, compare: this.compare === 'previous' };
  }
}

type FilterParams = Partial<Record<FilterDimension, string>>;
for (const dimension of FILTER_DIMENSIONS) FilterValue(dimension)(AnalyticsQueryDto.prototype, dimension);

function instant(name: string, text: string): number {
  const at = parseInstant(text);
  if (at === null)
    throw new BadRequestException(`${name} must be an ISO 8601 date-time with Z or an offset, such as 2026-03-01T00:00:00+01:00`);
  return at;
}

export class TimeseriesQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: TIMESERIES_INTERVALS, default: 'day', description: 'bucket size, in `tz`; weeks begin on Monday' })
  @IsOptional()
  @IsIn(TIMESERIES_INTERVALS, { message: `interval must be one of ${TIMESERIES_INTERVALS.join(', ')}` })
  interval?: TimeseriesInterval;
}

export class BreakdownQueryDto extends AnalyticsQueryDto {
  @ApiProperty({ enum: BREAKDOWN_DIMENSIONS, description: 'the dimension to group by' })
  @IsIn(BREAKDOWN_DIMENSIONS, { message: `by must be one of ${BREAKDOWN_DIMENSIONS.join(', ')}` })
  by: BreakdownDimension;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_BREAKDOWN_LIMIT,
    default: DEFAULT_BREAKDOWN_LIMIT,
    description: 'rows; the rest is summed in `other`',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_BREAKDOWN_LIMIT)
  limit?: number;
}

export class FunnelQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({
    type: String,
    default: FUNNEL_STEPS.join(','),
    example: 'click,lead,sale',
    description: `comma-separated steps, at least 2, in this order: ${FUNNEL_STEPS.join(', ')} (view: profile views, which belong to no link)`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  steps?: string;

  @ApiPropertyOptional({
    enum: HUMAN_DIMENSIONS,
    description: 'also the funnel of each top value of this dimension',
  })
  @IsOptional()
  @IsIn(HUMAN_DIMENSIONS, { message: `by must be one of ${HUMAN_DIMENSIONS.join(', ')}` })
  by?: HumanDimension;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_BREAKDOWN_LIMIT,
    default: DEFAULT_BREAKDOWN_LIMIT,
    description: 'rows with by=',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_BREAKDOWN_LIMIT)
  limit?: number;

  /** The steps as a list, or undefined for the default. */
  stepList(): string[] | undefined {
    return this.steps === undefined ? undefined : this.steps.split(',').map((step) => step.trim());
  }
}

export class LiveQueryDto {
  @ApiPropertyOptional({ description: "only this link's clicks", format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'linkId must be a UUID' })
  linkId?: string;
}

// ----- responses (mirror libs/common/src/analytics.types.ts) --------------------------------------

export class AnalyticsRangeDto implements AnalyticsRange {
  @ApiProperty({ example: '2026-02-28T23:00:00.000Z', description: 'ISO 8601, UTC' })
  from: string;
  @ApiProperty({ example: '2026-03-31T22:00:00.000Z' })
  to: string;
  @ApiProperty({ example: 'Europe/Berlin' })
  tz: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  linkId: string | null;
}

export class MetricValueDto implements MetricValue {
  @ApiProperty()
  value: number;
  @ApiPropertyOptional({ description: 'with compare=previous' })
  previous?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '(value − previous) / previous; null when previous is 0' })
  change?: number | null;
}

export class RatioMetricDto implements RatioMetric {
  @ApiProperty({ type: Number, nullable: true, description: 'null when the denominator is 0' })
  value: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'with compare=previous' })
  previous?: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '(value − previous) / previous; null when either is null or previous is 0',
  })
  change?: number | null;
}

export class MoneyMetricDto extends MetricValueDto {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217; value in its minor units (cents)' })
  currency: string;
}

export class MoneyRatioDto extends RatioMetricDto {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217; value in its minor units per click' })
  currency: string;
}

export class MoneyAmountDto implements MoneyAmount {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  currency: string;
  @ApiProperty({ example: 4900, description: 'minor units (cents)' })
  amount: number;
}

export class OverviewResponseDto implements OverviewResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiPropertyOptional({ type: AnalyticsRangeDto })
  previousRange?: AnalyticsRangeDto;
  @ApiProperty({ type: MetricValueDto, description: 'clicks by people (bots excluded)' })
  clicks: MetricValueDto;
  @ApiProperty({
    type: MetricValueDto,
    description: 'views of the profile page by people; 0 with linkId (views belong to no link)',
  })
  profileViews: MetricValueDto;
  @ApiProperty({ type: MetricValueDto, description: 'distinct visitors per UTC day, summed over the days of the range' })
  uniqueVisitors: MetricValueDto;
  @ApiProperty({
    type: RatioMetricDto,
    description:
      "clicks from the profile page / profile views; with linkId: the link's clicks from the profile page / all profile views",
  })
  ctr: RatioMetricDto;
  @ApiProperty({ type: MetricValueDto })
  botHits: MetricValueDto;
  @ApiProperty({
    type: MetricValueDto,
    description: 'leads of the range (at the time of the lead), attributed or not; with linkId or a filter: attributed ones only',
  })
  leads: MetricValueDto;
  @ApiProperty({ type: MetricValueDto, description: 'sales of the range, counted like leads' })
  sales: MetricValueDto;
  @ApiProperty({ type: [MoneyMetricDto], description: "revenue per currency, the creator's currency first, then by amount" })
  revenue: MoneyMetricDto[];
  @ApiProperty({ type: RatioMetricDto, description: 'leads / clicks' })
  conversionRate: RatioMetricDto;
  @ApiProperty({ type: [MoneyRatioDto], description: 'revenue / clicks, per currency' })
  revenuePerClick: MoneyRatioDto[];
}

export class TimeseriesPointDto implements TimeseriesPoint {
  @ApiProperty({ example: '2026-03-29T00:00:00+01:00', description: 'bucket start, ISO 8601 with the offset of tz' })
  t: string;
  @ApiProperty()
  clicks: number;
  @ApiProperty()
  profileViews: number;
  @ApiProperty()
  botHits: number;
  @ApiProperty()
  leads: number;
  @ApiProperty()
  sales: number;
  @ApiProperty({ type: [MoneyAmountDto] })
  revenue: MoneyAmountDto[];
}

export class TimeseriesResponseDto implements TimeseriesResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiProperty({ enum: TIMESERIES_INTERVALS })
  interval: TimeseriesInterval;
  @ApiProperty({ type: [TimeseriesPointDto] })
  points: TimeseriesPointDto[];
  @ApiPropertyOptional({
    type: [TimeseriesPointDto],
    description: 'with compare=previous: each bucket moved back by the length of the range',
  })
  previous?: TimeseriesPointDto[];
}

export class BreakdownRowDto implements BreakdownRow {
  @ApiProperty({ example: 'instagram', description: "the value; a link id for by=link; '' where none (no referrer, no UTM)" })
  value: string;
  @ApiPropertyOptional({ description: "by=link: the title and slug; by=country: the country's English name" })
  label?: string;
  @ApiProperty()
  clicks: number;
  @ApiProperty()
  profileViews: number;
  @ApiPropertyOptional()
  botHits?: number;
  @ApiPropertyOptional()
  previousClicks?: number;
  @ApiPropertyOptional()
  previousProfileViews?: number;
  @ApiPropertyOptional()
  previousBotHits?: number;
  @ApiProperty({ description: 'attributed leads with this value (unattributed ones are in the total only)' })
  leads: number;
  @ApiProperty()
  sales: number;
  @ApiProperty({ type: [MoneyAmountDto] })
  revenue: MoneyAmountDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'leads / clicks; null without clicks' })
  conversionRate: number | null;
  @ApiPropertyOptional()
  previousLeads?: number;
  @ApiPropertyOptional()
  previousSales?: number;
  @ApiPropertyOptional({ type: [MoneyAmountDto] })
  previousRevenue?: MoneyAmountDto[];
}

export class BreakdownOtherDto {
  @ApiProperty()
  clicks: number;
  @ApiProperty()
  profileViews: number;
  @ApiProperty({ description: 'how many values were summed' })
  values: number;
  @ApiPropertyOptional()
  botHits?: number;
  @ApiProperty()
  leads: number;
  @ApiProperty()
  sales: number;
  @ApiProperty({ type: [MoneyAmountDto] })
  revenue: MoneyAmountDto[];
}

export class BreakdownTotalDto {
  @ApiProperty()
  clicks: number;
  @ApiProperty()
  profileViews: number;
  @ApiPropertyOptional()
  botHits?: number;
  @ApiProperty({ description: 'every lead of the range, unattributed ones included' })
  leads: number;
  @ApiProperty()
  sales: number;
  @ApiProperty({ type: [MoneyAmountDto] })
  revenue: MoneyAmountDto[];
}

export class BreakdownResponseDto implements BreakdownResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiProperty({ enum: BREAKDOWN_DIMENSIONS })
  by: BreakdownDimension;
  @ApiProperty({ type: [BreakdownRowDto], description: 'by clicks + profile views, then bot hits, descending' })
  rows: BreakdownRowDto[];
  @ApiProperty({ type: BreakdownOtherDto })
  other: BreakdownOtherDto;
  @ApiProperty({ type: BreakdownTotalDto, description: 'every event of the range (by=link: profile views belong to no row)' })
  total: BreakdownTotalDto;
}

export class TimePatternsResponseDto implements TimePatternsResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'integer' } },
    description: '7 rows (Monday = 0 … Sunday = 6) × 24 hours of the day in tz: clicks + profile views',
  })
  matrix: number[][];
  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'integer' } } })
  previous?: number[][];
}

export class FunnelStepDto implements FunnelStepCount {
  @ApiProperty({ enum: FUNNEL_STEPS })
  step: FunnelStep;
  @ApiProperty({
    description: 'view: profile views; click: clicks; lead: leads; sale: sales (not customers: a customer may buy twice)',
  })
  count: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'count / the step before; null for the first step or when that is 0 (may exceed 1)',
  })
  rateFromPrevious: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'count / the first step; null when that is 0' })
  rateFromFirst: number | null;
  @ApiPropertyOptional({ description: 'with compare=previous' })
  previous?: number;
  @ApiPropertyOptional({ type: Number, nullable: true })
  change?: number | null;
}

export class FunnelRowDto {
  @ApiProperty({ example: 'instagram' })
  value: string;
  @ApiPropertyOptional()
  label?: string;
  @ApiProperty({ type: [FunnelStepDto] })
  steps: FunnelStepDto[];
}

export class FunnelResponseDto implements FunnelResponse {
  @ApiProperty({ type: AnalyticsRangeDto })
  range: AnalyticsRangeDto;
  @ApiPropertyOptional({ type: AnalyticsRangeDto })
  previousRange?: AnalyticsRangeDto;
  @ApiProperty({ type: [FunnelStepDto], description: 'the whole range (unattributed conversions included)' })
  steps: FunnelStepDto[];
  @ApiPropertyOptional({ enum: BREAKDOWN_DIMENSIONS })
  by?: BreakdownDimension;
  @ApiPropertyOptional({ type: [FunnelRowDto], description: "with by=: each top value's funnel, by the first step's count" })
  rows?: FunnelRowDto[];
}

export class LiveEventDto implements LiveEvent {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ['click', 'view'] })
  kind: 'click' | 'view';
  @ApiProperty({ example: '2026-03-29T10:15:02.113Z' })
  at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  linkId: string | null;
  @ApiProperty({ example: 'instagram' })
  source: string;
  @ApiProperty({ example: 'DE' })
  country: string;
  @ApiProperty({ example: 'mobile' })
  device: string;
}
