import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/common';
import type { FastifyReply } from 'fastify';
import { type ServedScript, servedScript } from './lp.script.js';

/** The script is the same for everyone and changes only with a release: a day in every cache, revalidated by its ETag. */
const CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';

@ApiTags('conversions')
@Controller()
export class LpScriptController {
  private readonly script: ServedScript;

  constructor(config: AppConfig) {
    this.script = servedScript(config.attributionDays);
  }

  @Get('lp.js')
  @ApiOkResponse({
    description: 'the conversion script for the creator\'s site: <script src=".../lp.js" data-key="pk_..."></script>',
  })
  serve(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    void reply
      .header('Content-Type', 'text/javascript; charset=utf-8')
      .header('Cache-Control', CACHE_CONTROL)
      .header('ETag', this.script.etag)
      .header('X-Content-Type-Options', 'nosniff')
      // any site may load it: it is the creator's site that runs it
      .header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (ifNoneMatch === this.script.etag) void reply.code(304).send();
    else void reply.code(200).send(this.script.body);
  }
}
