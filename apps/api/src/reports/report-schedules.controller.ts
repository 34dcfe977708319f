import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { CreateReportScheduleDto, ReportScheduleDto, ReportScheduleListDto } from './reports.dto.js';
import { ReportSchedulesService } from './report-schedules.service.js';

@ApiTags('reports')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/report-schedules')
export class ReportSchedulesController {
  constructor(private readonly schedules: ReportSchedulesService) {}

  @Get()
  @ApiOkResponse({ type: ReportScheduleListDto })
  async list(@CreatorId() creatorId: string): Promise<ReportScheduleListDto> {
    return { items: await this.schedules.list(creatorId) };
  }

  @Post()
  @ApiOperation({
    summary: 'Make a report every week or month',
    description:
      'Weekly: on dayOfWeek at hour:00 in tz, covering the 7 days before that day (Monday to Sunday for a Monday schedule). ' +
      'Monthly: on the 1st at hour:00 in tz, covering the month before.',
  })
  @ApiCreatedResponse({ type: ReportScheduleDto })
  create(@CreatorId() creatorId: string, @Body() dto: CreateReportScheduleDto): Promise<ReportScheduleDto> {
    return this.schedules.create(creatorId, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the schedule stops; the reports it made are kept' })
  delete(
    @CreatorId() creatorId: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    return this.schedules.delete(creatorId, id);
  }
}
