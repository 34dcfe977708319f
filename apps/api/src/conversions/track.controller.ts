import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatorId } from '../auth/authenticated-request.js';
import { TrackBatchDto, TrackBatchResultDto, TrackedDto, TrackLeadDto, TrackSaleDto } from './track.dto.js';
import { TrackGuard } from './track.guard.js';
import { TrackService } from './track.service.js';

@ApiTags('conversions')
@ApiBearerAuth()
@UseGuards(TrackGuard)
@Controller('api/v1/track')
export class TrackController {
  constructor(private readonly track: TrackService) {}

  @Post('lead')
  @HttpCode(202)
  @ApiOperation({ summary: 'Record a lead (a sign-up), attributed to its click' })
  @ApiAcceptedResponse({ type: TrackedDto })
  lead(@CreatorId() creatorId: string, @Body() dto: TrackLeadDto): TrackedDto {
    return this.track.track(creatorId, 'lead', dto);
  }

  @Post('sale')
  @HttpCode(202)
  @ApiOperation({ summary: "Record a sale, attributed to the given click or the customer's lead click" })
  @ApiAcceptedResponse({ type: TrackedDto })
  sale(@CreatorId() creatorId: string, @Body() dto: TrackSaleDto): TrackedDto {
    return this.track.track(creatorId, 'sale', dto);
  }

  @Post('batch')
  @HttpCode(202)
  @ApiOperation({ summary: 'Record up to 100 leads and sales; each is accepted or refused on its own' })
  @ApiAcceptedResponse({ type: TrackBatchResultDto })
  batch(@CreatorId() creatorId: string, @Body() dto: TrackBatchDto): TrackBatchResultDto {
    return this.track.batch(creatorId, dto.events);
  }
}
