import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppConfig, uuidV7 } from '@app/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { USERNAME_PATTERN } from '../auth/auth.dto.js';
import { HitCapture } from '../capture/hit-capture.service.js';
import { rawQuery } from '../http/request-url.js';
import { ProfileService } from '../profile/profile.service.js';
import { noticePage, PAGE_HEADERS } from './html.js';
import { renderProfilePage } from './profile.page.js';

const NOT_FOUND = noticePage('Page not found', 'There is no Linkpulse page at this address.');

/**
 * `GET /@{username}`: the creator's public page. Each GET (never a HEAD) is captured as one
 * profile view; bots are told apart by the worker. Not cached anywhere, so every view is seen.
 */
@ApiExcludeController()
@Controller()
export class ProfilePageController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly capture: HitCapture,
    private readonly config: AppConfig,
  ) {}

  @Get('@:username')
  async page(@Param('username') username: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const valid = USERNAME_PATTERN.test(username.toLowerCase());
    const found = valid ? await this.profiles.publicProfile(username) : null;
    const renamedTo = !found && valid ? await this.profiles.renamedTo(username) : null;
    if (renamedTo) {
      // 302, not 301: once the quarantine ends the old name may be someone else's, and browsers keep a 301
      const query = rawQuery(request.url);
      await reply
        .header('Cache-Control', 'no-store')
        .redirect(`/@${encodeURIComponent(renamedTo)}${query ? `?${query}` : ''}`, 302);
      return;
    }
    void reply
      .code(found ? 200 : 404)
      .headers(PAGE_HEADERS)
      .header('Cache-Control', 'no-store');
    if (!found) {
      await reply.send(NOT_FOUND);
      return;
    }
    const { profile, links } = found;
    await reply.send(renderProfilePage({ ...profile, links, pageUrl: `${this.config.publicUrl}/@${profile.username}` }));
    if (request.method === 'GET') {
      const at = Date.now();
      const query = rawQuery(request.url);
      this.capture.capture(uuidV7(at), at, 'view', profile.creatorId, null, 'direct', request.ip, query, request.headers);
    }
  }
}
