import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { LinkListService } from './link-list.service.js';
import { LinksController } from './links.controller.js';
import { HostResolver } from './host.resolver.js';
import { LinksService } from './links.service.js';
import { SelfLoopCheck } from './self-loop.check.js';

@Module({
  imports: [AnalyticsModule],
  controllers: [LinksController],
  providers: [LinksService, LinkListService, SelfLoopCheck, HostResolver],
})
export class LinksModule {}
