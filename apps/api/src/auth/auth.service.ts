import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { normaliseCurrency } from '@app/conversions';
import {
  type Creator,
  type CreatorChanges,
  CreatorsRepository,
  LinksRepository,
  ProfilesRepository,
  Transactions,
} from '@app/db';
import { LinkCache } from '../redirect/link-cache.service.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import type { ChangePasswordDto, DeleteMeDto, LoginDto, SignupDto, UpdateMeDto } from './auth.dto.js';
import { AuthThrottle } from './auth.throttle.js';
import type { Principal } from './authenticated-request.js';
import { hashPassword, verifyPassword } from './password.hasher.js';
import { hashSecret, newSecret } from './secret-token.js';
import { SessionsRepository } from './sessions.repository.js';

export const SESSION_TTL_MS = 30 * 86_400_000;
const TOKEN_TOUCH_INTERVAL_MS = 60_000;
// a constant-time answer for unknown emails: verify against a hash of nothing
const DUMMY_HASH = hashPassword('linkpulse-dummy-password');

const UNIQUE_VIOLATION = '23505';
const DEFAULT_CURRENCY = 'USD';
/** slugs whose cached targets are dropped at once when an account is deleted */
const INVALIDATION_CHUNK = 100;

@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly creators: CreatorsRepository,
    private readonly profiles: ProfilesRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly links: LinksRepository,
    private readonly throttle: AuthThrottle,
    private readonly linkCache: LinkCache,
  ) {}

  async signup(dto: SignupDto, address: string): Promise<{ creator: Creator; sessionToken: string }> {
    await this.throttle.signup(address, dto.email);
    const passwordHash = await hashPassword(dto.password);
    const creator = await this.transactions
      .run(async (tx) => {
        const created = await this.creators.insert(tx, {
          id: randomUUID(),
          email: dto.email.trim(),
          username: dto.username,
          passwordHash,
          timezone: dto.timezone ?? 'UTC',
          conversionTracking: false,
          currency: DEFAULT_CURRENCY,
        });
        await this.profiles.insert(tx, created.id, dto.username);
        return created;
      })
      .catch((error: { code?: string; detail?: string }) => {
        if (error.code === UNIQUE_VIOLATION) throw this.conflict(error.detail);
        throw error;
      });
    return { creator, sessionToken: await this.createSession(creator.id) };
  }

  async login(dto: LoginDto, address: string): Promise<{ creator: Creator; sessionToken: string }> {
    await this.throttle.login(address, dto.email);
    const creator = await this.creators.findByEmail(dto.email.trim());
    const valid = await verifyPassword(creator?.passwordHash ?? (await DUMMY_HASH), dto.password);
    if (!creator || !valid) throw new UnauthorizedException('Wrong email or password');
    await this.throttle.passwordAccepted(dto.email);
    return { creator, sessionToken: await this.createSession(creator.id) };
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionHash) await this.sessions.deleteByHash(principal.sessionHash);
  }

  async resolveSession(token: string): Promise<Principal | null> {
    const tokenHash = hashSecret(token);
    const session = await this.sessions.findByHash(tokenHash);
    if (!session || session.expiresAt.getTime() < Date.now()) return null;
    return { creatorId: session.creatorId, via: 'session', sessionHash: tokenHash };
  }

  async resolveApiToken(token: string): Promise<Principal | null> {
    const apiToken = await this.tokens.findByHash(hashSecret(token));
    if (!apiToken) return null;
    if (!apiToken.lastUsedAt || Date.now() - apiToken.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
      await this.tokens.touch(apiToken.id, new Date());
    }
    return { creatorId: apiToken.creatorId, via: 'token' };
  }

  async me(creatorId: string): Promise<Creator> {
    const creator = await this.creators.findById(creatorId);
    if (!creator) throw new NotFoundException('Account not found');
    return creator;
  }

  async updateMe(creatorId: string, dto: UpdateMeDto): Promise<Creator> {
    const changes: CreatorChanges = {};
    if (dto.timezone !== undefined) changes.timezone = dto.timezone;
    if (dto.email !== undefined) changes.email = dto.email.trim();
    if (dto.username !== undefined) changes.username = dto.username;
    if (dto.conversionTracking !== undefined) changes.conversionTracking = dto.conversionTracking;
    if (dto.currency !== undefined) changes.currency = normaliseCurrency(dto.currency) ?? this.notACurrency(dto.currency);
    await this.creators.update(creatorId, changes).catch((error: { code?: string; detail?: string }) => {
      if (error.code === UNIQUE_VIOLATION) throw this.conflict(error.detail);
      throw error;
    });
    return this.me(creatorId);
  }

  /**
   * Deletes the account; every row of its data goes with it (foreign keys cascade), and every API
   * process forgets its links at once (they would otherwise keep redirecting from the caches).
   */
  async deleteMe(creatorId: string, dto: DeleteMeDto): Promise<void> {
    const creator = await this.me(creatorId);
    await this.throttle.passwordAttempt(creator.email);
    if (!(await verifyPassword(creator.passwordHash, dto.password))) {
      throw new UnauthorizedException('Wrong password');
    }
    await this.throttle.passwordAccepted(creator.email);
    const slugs = await this.links.slugsOf(creatorId);
    await this.creators.delete(creatorId);
    for (let i = 0; i < slugs.length; i += INVALIDATION_CHUNK) {
      await Promise.all(slugs.slice(i, i + INVALIDATION_CHUNK).map((slug) => this.linkCache.invalidate(slug)));
    }
  }

  /**
   * Changes the password and revokes every session of the account, this one included; a request
   * made with a session gets a new one back (returned), so only this browser stays signed in.
   * API tokens are kept: they are revoked one by one (DELETE /tokens/{id}).
   */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<string | null> {
    const creator = await this.me(principal.creatorId);
    await this.throttle.passwordAttempt(creator.email);
    if (!(await verifyPassword(creator.passwordHash, dto.currentPassword))) {
      throw new ForbiddenException('currentPassword is wrong');
    }
    await this.throttle.passwordAccepted(creator.email);
    if (dto.newPassword === dto.currentPassword) throw new BadRequestException('newPassword must differ from currentPassword');
    const passwordHash = await hashPassword(dto.newPassword);
    await this.transactions.run(async (tx) => {
      await this.creators.update(creator.id, { passwordHash }, tx);
      await this.sessions.deleteAllOf(tx, creator.id);
    });
    return principal.via === 'session' ? this.createSession(creator.id) : null;
  }

  private async createSession(creatorId: string): Promise<string> {
    const token = newSecret();
    await this.sessions.insert({
      tokenHash: hashSecret(token),
      creatorId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    });
    return token;
  }

  private notACurrency(value: string): never {
    throw new BadRequestException(`currency must be an ISO 4217 code such as EUR, got "${value}"`);
  }

  private conflict(detail = ''): ConflictException {
    if (detail.includes('username')) return new ConflictException('This username is taken');
    if (detail.includes('email')) return new ConflictException('An account with this email exists');
    return new ConflictException('Already exists');
  }
}
