import { Readable } from 'node:stream';
import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnalyticsService, EventExport, validFunnelSteps } from '@app/analytics';
import type { FastifyReply } from 'fastify';
import { AuthGuard } from '../auth/auth.guard.js';
import { AuthService } from '../auth/auth.service.js';
import { CreatorId, CurrentPrincipal, type Principal } from '../auth/authenticated-request.js';
import {
  AnalyticsQueryDto,
  BreakdownQueryDto,
  BreakdownResponseDto,
  FunnelQueryDto,
  FunnelResponseDto,
  LiveEventDto,
  LiveQueryDto,
  OverviewResponseDto,
  TimePatternsResponseDto,
  TimeseriesQueryDto,
  TimeseriesResponseDto,
} from './analytics.dto.js';
import { LiveStreams } from './live.streams.js';

@ApiTags('analytics')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly exports: EventExport,
    private readonly live: LiveStreams,
    private readonly auth: AuthService,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Clicks, profile views, unique visitors, CTR and bot hits of a range' })
  @ApiOkResponse({ type: OverviewResponseDto })
  overview(@CreatorId() creatorId: string, @Query() query: AnalyticsQueryDto): Promise<OverviewResponseDto> {
    return this.analytics.overview(query.toQuery(creatorId));
  }

  @Get('timeseries')
  @ApiOperation({ summary: 'Clicks, profile views and bot hits per hour, day, week or month of tz' })
  @ApiOkResponse({ type: TimeseriesResponseDto })
  timeseries(@CreatorId() creatorId: string, @Query() query: TimeseriesQueryDto): Promise<TimeseriesResponseDto> {
    return this.analytics.timeseries(query.toQuery(creatorId), query.interval ?? 'day');
  }

  @Get('breakdown')
  @ApiOperation({ summary: 'The top values of a dimension, the rest summed, and the totals' })
  @ApiOkResponse({ type: BreakdownResponseDto })
  breakdown(@CreatorId() creatorId: string, @Query() query: BreakdownQueryDto): Promise<BreakdownResponseDto> {
    return this.analytics.breakdown(query.toQuery(creatorId), query.by, query.limit);
  }

  @Get('time-patterns')
  @ApiOperation({ summary: 'Clicks + profile views by weekday (Monday first) × hour of day in tz' })
  @ApiOkResponse({ type: TimePatternsResponseDto })
  timePatterns(@CreatorId() creatorId: string, @Query() query: AnalyticsQueryDto): Promise<TimePatternsResponseDto> {
    return this.analytics.timePatterns(query.toQuery(creatorId));
  }

  @Get('funnel')
  @ApiOperation({
    summary: 'Profile views → clicks → leads → sales of a range, with the rate of each step; optionally per value of a dimension',
  })
  @ApiOkResponse({ type: FunnelResponseDto })
  funnel(@CreatorId() creatorId: string, @Query() query: FunnelQueryDto): Promise<FunnelResponseDto> {
    return this.analytics.funnel(query.toQuery(creatorId), validFunnelSteps(query.stepList()), query.by, query.limit);
  }

  @Get('live')
  @ApiOperation({
    summary: 'Server-Sent Events: every click and view within a second or two',
    description:
      'Each event is a `data:` line holding a LiveEvent as JSON; a comment every 15 s keeps the stream open. EventSource sends the session cookie.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ type: LiveEventDto, description: 'the shape of each data line' })
  async liveStream(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LiveQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { creatorId } = principal;
    if (query.linkId) await this.analytics.assertLinkOf(creatorId, query.linkId);
    this.live.start(reply, creatorId, query.linkId ?? null, () => this.auth.stillAuthorised(principal));
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'The raw enriched events of the range as CSV (RFC 4180), streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row; one line per event, bots included (is_bot)' })
  exportCsv(@CreatorId() creatorId: string, @Query() query: AnalyticsQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.sendCsv(reply, this.exports.open({ ...query.toQuery(creatorId), compare: false }));
  }

  @Get('conversions.csv')
  @ApiOperation({ summary: 'The conversions (leads and sales) of the range as CSV (RFC 4180), streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'CSV with a header row; one line per conversion, with the click it is attributed to (empty when unattributed); amount in minor units',
  })
  conversionsCsv(@CreatorId() creatorId: string, @Query() query: AnalyticsQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.sendCsv(reply, this.exports.open({ ...query.toQuery(creatorId), compare: false }, 'conversions'));
  }

  private async sendCsv(
    reply: FastifyReply,
    opening: Promise<{ filename: string; chunks: AsyncGenerator<string> }>,
  ): Promise<void> {
    const { filename, chunks } = await opening;
    await reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .header('Cache-Control', 'no-store')
      .send(Readable.from(chunks));
  }
}
