import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { CreatedReportDto, CreateReportDto, ReportDto, ReportListDto } from './reports.dto.js';
import { ReportsService } from './reports.service.js';

/** Ids of other creators' reports answer 404, as do ids that are not UUIDs. */
const ReportId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('reports')
@ApiExtraModels(ReportDto)
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Make a PDF report of a range (asynchronously)',
    description:
      'from, to, tz and linkId are read and checked as by the analytics endpoints. Poll GET /reports/{id} until it gives the PDF.',
  })
  @ApiAcceptedResponse({ type: CreatedReportDto })
  @ApiTooManyRequestsResponse({ description: 'too many of your reports are queued or rendering' })
  create(@CreatorId() creatorId: string, @Body() dto: CreateReportDto): Promise<CreatedReportDto> {
    return this.reports.create(creatorId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Your reports, on demand and scheduled, newest first' })
  @ApiOkResponse({ type: ReportListDto })
  async list(@CreatorId() creatorId: string): Promise<ReportListDto> {
    return { items: await this.reports.list(creatorId) };
  }

  @Get(':id')
  @ApiOperation({ summary: "The report's PDF when it is ready; its status otherwise" })
  @ApiOkResponse({
    description: 'the PDF (as an attachment) when ready; the report as JSON when it failed',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { $ref: getSchemaPath(ReportDto) } },
    },
  })
  @ApiAcceptedResponse({
    description: 'queued or running: ask again in a moment',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ReportDto) } } },
  })
  async get(
    @CreatorId() creatorId: string,
    @ReportId() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | ReportDto> {
    const { report, pdf, filename } = await this.reports.download(creatorId, id);
    void reply.header('Cache-Control', 'private, no-store');
    if (pdf) {
      void reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', `attachment; filename="${filename}"`)
        .header('X-Content-Type-Options', 'nosniff');
      return pdf;
    }
    if (report.status === 'queued' || report.status === 'running') void reply.status(202);
    return report;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the report and its PDF are deleted' })
  delete(@CreatorId() creatorId: string, @ReportId() id: string): Promise<void> {
    return this.reports.delete(creatorId, id);
  }
}
