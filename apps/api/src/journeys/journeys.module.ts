import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { CustomersController } from './customers.controller.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersService } from './customers.service.js';
import { JourneysController } from './journeys.controller.js';
import { JourneysRepository } from './journeys.repository.js';
import { JourneysService } from './journeys.service.js';

/** Journeys, paths, segments and customers (SPEC section 9): visits read from the raw events and conversions. */
@Module({
  imports: [AnalyticsModule],
  controllers: [JourneysController, CustomersController],
  providers: [JourneysRepository, JourneysService, CustomersRepository, CustomersService],
})
export class JourneysModule {}
