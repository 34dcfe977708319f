import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProfileAvatarService } from './profile-avatar.service.js';

/**
 * `GET /avatars/{key}.{ext}`: an uploaded avatar. The address changes with the image, so it is
 * cached for good; the bytes were sniffed on upload and are sent as exactly that type, never to be
 * sniffed again or run as a document.
 */
@ApiExcludeController()
@Controller('avatars')
export class AvatarFileController {
  constructor(private readonly avatars: ProfileAvatarService) {}

  @Get(':file')
  async file(@Param('file') name: string, @Res() reply: FastifyReply): Promise<void> {
    const avatar = await this.avatars.file(name);
    if (!avatar) {
      await reply.code(404).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    await reply
      .headers({
        'Content-Type': avatar.type,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cross-Origin-Resource-Policy': 'cross-origin',
      })
      .send(avatar.bytes);
  }
}
