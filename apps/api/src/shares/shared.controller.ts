import {
  Body,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsService } from '@app/analytics';
import { AppConfig } from '@app/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AnalyticsQueryDto,
  BreakdownQueryDto,
  BreakdownResponseDto,
  OverviewResponseDto,
  TimePatternsResponseDto,
  TimeseriesQueryDto,
  TimeseriesResponseDto,
} from '../analytics/analytics.dto.js';
import { SharedDashboardDto, UnlockShareDto } from './shares.dto.js';
import { SharesService } from './shares.service.js';

/** The cookie a right password leaves, valid on its share's paths only. */
const GRANT_COOKIE = 'lp_share';

const Grant = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined =>
    ctx.switchToHttp().getRequest<FastifyRequest>().cookies?.[GRANT_COOKIE],
);

/**
 * A shared dashboard, read by anyone holding its address: no sign-in, read-only, scoped to what
 * was shared. The numbers are the analytics API's own, asked with the share's creator and link.
 */
@ApiTags('shared dashboards')
@Controller('api/v1/shared/:token')
export class SharedController {
  constructor(
    private readonly shares: SharesService,
    private readonly analytics: AnalyticsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whose analytics the share shows, of what, and whether it asks a password' })
  @ApiOkResponse({ type: SharedDashboardDto })
  describe(@Param('token') token: string, @Grant() grant: string | undefined): Promise<SharedDashboardDto> {
    return this.shares.describe(token, grant);
  }

  @Post('unlock')
  @HttpCode(204)
  @ApiOperation({ summary: 'Gives the password; a right one opens the dashboard in this browser for 12 hours (a cookie)' })
  @ApiNoContentResponse({ description: 'opened; 401 for a wrong password, 429 after 10 wrong ones in 15 minutes' })
  async unlock(
    @Param('token') token: string,
    @Body() dto: UnlockShareDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { grant, maxAgeMs } = await this.shares.unlock(token, dto.password);
    void reply.setCookie(GRANT_COOKIE, grant, {
      path: `/api/v1/shared/${token}`,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.nodeEnv === 'production' || this.config.publicUrl.startsWith('https:'),
      maxAge: maxAgeMs / 1000,
    });
  }

  @Get('overview')
  @ApiOkResponse({ type: OverviewResponseDto })
  async overview(@Param('token') token: string, @Grant() grant: string | undefined, @Query() query: AnalyticsQueryDto) {
    return this.analytics.overview(await this.shares.scopedQuery(token, grant, query));
  }

  @Get('timeseries')
  @ApiOkResponse({ type: TimeseriesResponseDto })
  async timeseries(@Param('token') token: string, @Grant() grant: string | undefined, @Query() query: TimeseriesQueryDto) {
    return this.analytics.timeseries(await this.shares.scopedQuery(token, grant, query), query.interval ?? 'day');
  }

  @Get('breakdown')
  @ApiOkResponse({ type: BreakdownResponseDto })
  async breakdown(@Param('token') token: string, @Grant() grant: string | undefined, @Query() query: BreakdownQueryDto) {
    return this.analytics.breakdown(await this.shares.scopedQuery(token, grant, query), query.by, query.limit);
  }

  @Get('time-patterns')
  @ApiOkResponse({ type: TimePatternsResponseDto })
  async timePatterns(@Param('token') token: string, @Grant() grant: string | undefined, @Query() query: AnalyticsQueryDto) {
    return this.analytics.timePatterns(await this.shares.scopedQuery(token, grant, query));
  }
}
