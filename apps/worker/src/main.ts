import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@app/common';
import { createWorkerApp } from './worker-app.factory.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  await createWorkerApp(config);
  new Logger('Linkpulse').log(
    `Worker running · PostgreSQL ${new URL(config.databaseUrl).host} · Redis ${new URL(config.redisUrl).host}`,
  );
}

void bootstrap();
