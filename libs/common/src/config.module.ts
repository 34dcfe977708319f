import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfigOrExit } from './config.js';

/** Provides the process configuration; `forRoot(config)` lets a test run an app against other services. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => config ?? loadConfigOrExit() }],
      exports: [AppConfig],
    };
  }
}
