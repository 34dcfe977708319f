import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import {
  JourneysQueryDto,
  JourneysResponseDto,
  PathsQueryDto,
  PathsResponseDto,
  SegmentsQueryDto,
  SegmentsResponseDto,
} from './journeys.dto.js';
import { JourneysService } from './journeys.service.js';

@ApiTags('analytics')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/analytics')
export class JourneysController {
  constructor(private readonly journeys: JourneysService) {}

  @Get('journeys')
  @ApiOperation({
    summary: "Visits (one visitor id's views, clicks, leads and sales of a day in tz), newest first, with their steps",
  })
  @ApiOkResponse({ type: JourneysResponseDto })
  list(@CreatorId() creatorId: string, @Query() query: JourneysQueryDto): Promise<JourneysResponseDto> {
    return this.journeys.journeys(query.toRange(creatorId), query.limit, query.cursor);
  }

  @Get('paths')
  @ApiOperation({ summary: 'The most common step sequences of the range’s visits, links named, with how many visits took each' })
  @ApiOkResponse({ type: PathsResponseDto })
  paths(@CreatorId() creatorId: string, @Query() query: PathsQueryDto): Promise<PathsResponseDto> {
    return this.journeys.paths(query.toRange(creatorId), query.limit);
  }

  @Get('segments')
  @ApiOperation({ summary: 'Visits that only viewed the profile, clicked, or converted; optionally by a dimension' })
  @ApiOkResponse({ type: SegmentsResponseDto })
  segments(@CreatorId() creatorId: string, @Query() query: SegmentsQueryDto): Promise<SegmentsResponseDto> {
    return this.journeys.segments(query.toSegmentsQuery(creatorId), query.by ?? null, query.limit);
  }
}
