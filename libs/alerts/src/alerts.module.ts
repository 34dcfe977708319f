import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { AlertEvaluator } from './alert-evaluator.service.js';
import { AlertsRepository } from './alerts.repository.js';

/** The alerts tables and the evaluator that fills them (docs/alerts.md). Needs the global DatabaseModule. */
@Module({
  imports: [AnalyticsModule],
  providers: [AlertsRepository, AlertEvaluator],
  exports: [AlertsRepository, AlertEvaluator],
})
export class AlertsModule {}
