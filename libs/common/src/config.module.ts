import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfigOrExit } from './config.js';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfigOrExit() }],
  exports: [AppConfig],
})
export class ConfigModule {}
