import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { AnalyticsQuery } from '@app/analytics';
import { AppConfig } from '@app/common';
import { CreatorsRepository, LinksRepository, type Share } from '@app/db';
import { LinkFieldError, parseExpiry } from '@app/links';
import type { AnalyticsQueryDto } from '../analytics/analytics.dto.js';
import { hashPassword, verifyPassword } from '../auth/password.hasher.js';
import { RateLimiter, type RateRule } from '../http/rate-limiter.js';
import { GRANT_TTL_MS, grantIsValid, signGrant } from './share-grant.js';
import { SharesRepository } from './shares.repository.js';
import type { CreateShareDto, SharedDashboardDto } from './shares.dto.js';

/** 144 random bits, base64url: 24 characters in the address. */
const TOKEN_BYTES = 18;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** Password guesses on one share, from anywhere; a right password starts the count over. */
export const SHARE_PASSWORD_LIMIT: RateRule = {
  name: 'share-password',
  limit: 10,
  windowMs: 15 * 60_000,
  message: 'Too many wrong passwords for this dashboard; try again in {wait}',
};

const notFound = (): never => {
  throw new NotFoundException('This shared dashboard does not exist, was revoked or has expired');
};

/**
 * Shared dashboards (docs/shares.md): a creator's read-only link to their analytics, or to one
 * link's, with an optional password and expiry. A token that is unknown, revoked or past its
 * expiry answers 404 — the same answer, so nobody learns which.
 */
@Injectable()
export class SharesService {
  private readonly grantKey: Buffer;

  constructor(
    private readonly shares: SharesRepository,
    private readonly links: LinksRepository,
    private readonly creators: CreatorsRepository,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {
    this.grantKey = createHmac('sha256', config.sessionSecret).update('linkpulse share grants').digest();
  }

  urlOf(share: Share): string {
    return `${this.config.publicUrl}/share/${share.token}`;
  }

  async create(creatorId: string, dto: CreateShareDto): Promise<Share> {
    if (dto.linkId && !(await this.links.belongsTo(dto.linkId, creatorId))) throw new NotFoundException('Link not found');
    let expiresAt: Date | null = null;
    try {
      if (dto.expiresAt !== undefined) expiresAt = parseExpiry(dto.expiresAt);
    } catch (error) {
      if (error instanceof LinkFieldError) throw new BadRequestException(error.message);
      throw error;
    }
    return this.shares.insert({
      id: randomUUID(),
      creatorId,
      linkId: dto.linkId ?? null,
      token: randomBytes(TOKEN_BYTES).toString('base64url'),
      passwordHash: dto.password === undefined ? null : await hashPassword(dto.password),
      expiresAt,
    });
  }

  list(creatorId: string): Promise<Share[]> {
    return this.shares.listOwned(creatorId);
  }

  async revoke(creatorId: string, id: string): Promise<void> {
    if (!(await this.shares.delete(creatorId, id))) throw new NotFoundException('Share not found');
  }

  /** Whose and what the share shows, and whether the browser still has to give the password. */
  async describe(token: string, grant: string | undefined): Promise<SharedDashboardDto> {
    const share = await this.open(token);
    const creator = (await this.creators.findById(share.creatorId)) ?? notFound();
    const link = share.linkId ? ((await this.links.findOwned(share.creatorId, share.linkId)) ?? notFound()) : null;
    return {
      scope: link ? 'link' : 'creator',
      username: creator.username,
      timezone: creator.timezone,
      link: link && { id: link.id, slug: link.slug, title: link.title, shortUrl: `${this.config.publicUrl}/${link.slug}` },
      expiresAt: share.expiresAt?.toISOString() ?? null,
      locked: !this.granted(share, grant),
    };
  }

  /**
   * A grant for the browser when the password is right. Each guess counts before it is checked
   * (parallel guesses cannot slip past the limit); a right one starts the count over.
   */
  async unlock(token: string, password: string): Promise<{ grant: string; maxAgeMs: number }> {
    const share = await this.open(token);
    if (share.passwordHash === null) throw new BadRequestException('This shared dashboard has no password');
    await this.limiter.consume(SHARE_PASSWORD_LIMIT, share.id);
    if (!(await verifyPassword(share.passwordHash, password))) throw new UnauthorizedException('Wrong password');
    await this.limiter.reset(SHARE_PASSWORD_LIMIT, share.id);
    return { grant: signGrant(this.grantKey, share.id, share.passwordHash, Date.now() + GRANT_TTL_MS), maxAgeMs: GRANT_TTL_MS };
  }

  /**
   * The analytics query a share may answer: its creator's, narrowed to its link when it has one
   * (another link is a 404). Without the password's grant, a 401.
   */
  async scopedQuery(token: string, grant: string | undefined, dto: AnalyticsQueryDto): Promise<AnalyticsQuery> {
    const share = await this.open(token);
    if (!this.granted(share, grant)) throw new UnauthorizedException('This shared dashboard needs its password');
    if (share.linkId) {
      if (dto.linkId && dto.linkId !== share.linkId) throw new NotFoundException('Link not found');
      dto.linkId = share.linkId;
    }
    return dto.toQuery(share.creatorId);
  }

  /** The live share behind a token. */
  private async open(token: string): Promise<Share> {
    if (!TOKEN_PATTERN.test(token)) return notFound();
    const share = (await this.shares.findByToken(token)) ?? notFound();
    if (share.expiresAt && share.expiresAt.getTime() <= Date.now()) return notFound();
    return share;
  }

  private granted(share: Share, grant: string | undefined): boolean {
    return share.passwordHash === null || grantIsValid(this.grantKey, share.id, share.passwordHash, grant);
  }
}
