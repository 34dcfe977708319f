import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

/** The alerts API: the list, read marks and settings; the worker raises the alerts. */
@Module({
  imports: [AlertsModule],
  controllers: [AlertsController],
  providers: [AlertsService],
})
export class AlertsApiModule {}
