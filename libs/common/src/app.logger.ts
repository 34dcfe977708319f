import { ConsoleLogger } from '@nestjs/common';

/** Nest's start-up chatter: one line per module and route, which buries the lines that matter. */
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The processes' logger: JSON lines in production (one object per line, for log shippers),
 * coloured text in development; Nest's own start-up chatter is left out.
 */
export class AppLogger extends ConsoleLogger {
  constructor(production: boolean) {
    super('Linkpulse', { json: production, colors: !production && process.stdout.isTTY });
  }

  override log(message: unknown, context?: string): void {
    if (context && QUIET_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}
