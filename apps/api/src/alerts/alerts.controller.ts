import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { AlertDto, AlertListDto, AlertListQueryDto, AlertSettingsDto, UpdateAlertDto } from './alerts.dto.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get('alerts')
  @ApiOperation({ summary: 'Your anomaly alerts (spike, drop, bot_surge), newest first, with what drove each' })
  @ApiOkResponse({ type: AlertListDto })
  list(@CreatorId() creatorId: string, @Query() query: AlertListQueryDto): Promise<AlertListDto> {
    return this.alerts.list(creatorId, query);
  }

  @Patch('alerts/:id')
  @ApiOperation({ summary: 'Mark an alert read or unread' })
  @ApiOkResponse({ type: AlertDto })
  update(
    @CreatorId() creatorId: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body() dto: UpdateAlertDto,
  ): Promise<AlertDto> {
    return this.alerts.setRead(creatorId, id, dto.read);
  }

  @Get('alert-settings')
  @ApiOperation({ summary: 'Your alert settings (the defaults until you save some)' })
  @ApiOkResponse({ type: AlertSettingsDto })
  settings(@CreatorId() creatorId: string): Promise<AlertSettingsDto> {
    return this.alerts.settings(creatorId);
  }

  @Put('alert-settings')
  @ApiOperation({ summary: 'Save your alert settings; they apply from the next hour judged' })
  @ApiOkResponse({ type: AlertSettingsDto })
  saveSettings(@CreatorId() creatorId: string, @Body() dto: AlertSettingsDto): Promise<AlertSettingsDto> {
    return this.alerts.saveSettings(creatorId, dto);
  }
}
