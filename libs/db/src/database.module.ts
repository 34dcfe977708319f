import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/common';
import { dataSourceOptions, ENTITIES } from './data-source-options.js';
import { DatabaseHealth } from './database.health.js';
import { CreatorsRepository } from './repositories/creators.repository.js';
import { ImportsRepository } from './repositories/imports.repository.js';
import { LinksRepository } from './repositories/links.repository.js';
import { NameQuarantineRepository } from './repositories/name-quarantine.repository.js';
import { ProfilesRepository } from './repositories/profiles.repository.js';
import { Transactions } from './transactions.js';

const REPOSITORIES = [CreatorsRepository, ImportsRepository, LinksRepository, NameQuarantineRepository, ProfilesRepository];

/**
 * The connection pool, and the repositories of the tables both apps read (creators, profiles, links,
 * link imports, quarantined names).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: 1_000_000,
        retryDelay: 2000,
      }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [Transactions, DatabaseHealth, ...REPOSITORIES],
  exports: [TypeOrmModule, Transactions, DatabaseHealth, ...REPOSITORIES],
})
export class DatabaseModule {}
