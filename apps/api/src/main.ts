import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@app/common';
import { createApiApp } from './http/api-app.factory.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('Linkpulse');
  logger.log(`API listening on ${config.host}:${config.port}`);
  logger.log(`Dashboard   ${config.publicUrl}/app`);
  logger.log(`API docs    ${config.publicUrl}/api/docs`);
  logger.log(`Health      ${config.publicUrl}/health`);
  logger.log(
    `PostgreSQL  ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname} · Redis ${new URL(config.redisUrl).host}`,
  );
}

void bootstrap();
