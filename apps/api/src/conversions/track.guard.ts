import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthGuard, PUBLISHABLE_KEY_PREFIX } from '../auth/auth.guard.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { PublishableKeysService } from './publishable-keys.service.js';
import { allowOrigin } from './track.cors.js';

/**
 * Who may record conversions: a publishable key from one of its allowed origins (the browser, with
 * /lp.js; the answer carries CORS headers for that origin only), or anyone the API guard lets in
 * (a personal token from the creator's server, the dashboard's session).
 */
@Injectable()
export class TrackGuard implements CanActivate {
  constructor(
    private readonly authGuard: AuthGuard,
    private readonly keys: PublishableKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, secret] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !secret?.startsWith(PUBLISHABLE_KEY_PREFIX))
      return this.authGuard.canActivate(context);
    const key = secret.length <= 200 ? await this.keys.resolve(secret) : null;
    if (!key) throw new UnauthorizedException('Unknown publishable key');
    const origin = request.headers.origin;
    if (!origin || !key.allowedOrigins.includes(origin)) {
      throw new ForbiddenException(
        `This publishable key may be used only from its allowed origins, not from ${origin ?? 'a request without Origin'}`,
      );
    }
    allowOrigin(context.switchToHttp().getResponse<FastifyReply>(), origin);
    request.principal = { creatorId: key.creatorId, via: 'publishable-key' };
    return true;
  }
}
