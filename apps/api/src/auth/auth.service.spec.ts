import { beforeEach, describe, expect, it } from '@jest/globals';
import { BadRequestException, ConflictException, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@app/common';
import {
  type Creator,
  CreatorsRepository,
  LinksRepository,
  NameQuarantineRepository,
  ProfilesRepository,
  Transactions,
} from '@app/db';
import type { EntityManager } from 'typeorm';
import { type Mock, mockOf } from '../../../../test/support/mocks.js';
import { LinkCache } from '../redirect/link-cache.service.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { AuthService, SESSION_TTL_MS } from './auth.service.js';
import { AuthThrottle } from './auth.throttle.js';
import { hashPassword } from './password.hasher.js';
import { hashSecret } from './secret-token.js';
import { SessionsRepository } from './sessions.repository.js';

const tx = {} as EntityManager;
const PASSWORD = 'correct horse battery';

describe('AuthService', () => {
  let auth: AuthService;
  let creators: Mock<CreatorsRepository>;
  let profiles: Mock<ProfilesRepository>;
  let sessions: Mock<SessionsRepository>;
  let tokens: Mock<ApiTokensRepository>;
  let links: Mock<LinksRepository>;
  let cache: Mock<LinkCache>;
  let quarantine: Mock<NameQuarantineRepository>;
  let throttle: Mock<AuthThrottle>;
  let maya: Creator;

  beforeEach(async () => {
    creators = mockOf<CreatorsRepository>();
    profiles = mockOf<ProfilesRepository>();
    sessions = mockOf<SessionsRepository>();
    tokens = mockOf<ApiTokensRepository>();
    links = mockOf<LinksRepository>();
    cache = mockOf<LinkCache>();
    quarantine = mockOf<NameQuarantineRepository>();
    quarantine.reservedUntil.mockResolvedValue(null);
    creators.confusableUsername.mockResolvedValue(null);
    throttle = mockOf<AuthThrottle>();
    const transactions = mockOf<Transactions>();
    transactions.run.mockImplementation((work) => work(tx));
    const module = await Test.createTestingModule({
      providers: [
        AuthService,
        { provide: Transactions, useValue: transactions },
        { provide: CreatorsRepository, useValue: creators },
        { provide: ProfilesRepository, useValue: profiles },
        { provide: SessionsRepository, useValue: sessions },
        { provide: ApiTokensRepository, useValue: tokens },
        { provide: LinksRepository, useValue: links },
        { provide: LinkCache, useValue: cache },
        { provide: AuthThrottle, useValue: throttle },
        { provide: NameQuarantineRepository, useValue: quarantine },
        { provide: AppConfig, useValue: { slugQuarantineDays: 90 } },
      ],
    }).compile();
    auth = module.get(AuthService);
    maya = {
      id: 'c1',
      email: 'maya@example.com',
      username: 'maya',
      usernameSkeleton: 'maya',
      passwordHash: await hashPassword(PASSWORD),
      timezone: 'UTC',
      conversionTracking: false,
      currency: 'USD',
      createdAt: new Date(),
    };
  });

  it('signs up: the creator and their page in one transaction, then a 30-day session', async () => {
    creators.insert.mockImplementation(async (_tx, creator) => ({ ...creator, createdAt: new Date() }));
    const before = Date.now();
    const { creator, sessionToken } = await auth.signup(
      { email: 'maya@example.com', password: PASSWORD, username: 'maya', timezone: 'Europe/Berlin' },
      '203.0.113.1',
    );
    expect(creator).toMatchObject({
      email: 'maya@example.com',
      username: 'maya',
      usernameSkeleton: 'maya',
      timezone: 'Europe/Berlin',
    });
    expect(creators.insert.mock.calls[0][0]).toBe(tx);
    expect(profiles.insert).toHaveBeenCalledWith(tx, creator.id, 'maya');
    const [session] = sessions.insert.mock.calls[0];
    expect(session.tokenHash).toEqual(hashSecret(sessionToken));
    expect(session.creatorId).toBe(creator.id);
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_TTL_MS);
  });

  it('a taken username or email is a 409 naming which', async () => {
    creators.insert.mockRejectedValue({ code: '23505', detail: 'Key (lower(username))=(maya) already exists.' });
    await expect(auth.signup({ email: 'm@example.com', password: PASSWORD, username: 'maya' }, '::1')).rejects.toThrow(
      new ConflictException('This username is taken'),
    );
    creators.insert.mockRejectedValue({ code: '23505', detail: 'Key (lower(email))=(m@example.com) already exists.' });
    await expect(auth.signup({ email: 'm@example.com', password: PASSWORD, username: 'maya' }, '::1')).rejects.toThrow(
      'An account with this email exists',
    );
    expect(sessions.insert).not.toHaveBeenCalled();
  });

  it('logs in with the right password only; an unknown email gets the same answer', async () => {
    creators.findByEmail.mockResolvedValue(maya);
    await expect(auth.login({ email: 'maya@example.com', password: PASSWORD }, '::1')).resolves.toMatchObject({ creator: maya });
    await expect(auth.login({ email: 'maya@example.com', password: 'wrong password' }, '::1')).rejects.toThrow(
      new UnauthorizedException('Wrong email or password'),
    );
    creators.findByEmail.mockResolvedValue(null);
    await expect(auth.login({ email: 'nobody@example.com', password: PASSWORD }, '::1')).rejects.toThrow(
      'Wrong email or password',
    );
    expect(sessions.insert).toHaveBeenCalledTimes(1);
  });

  it('an expired session resolves to nobody', async () => {
    sessions.findByHash.mockResolvedValue({
      tokenHash: hashSecret('t'),
      creatorId: 'c1',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() - 1),
    });
    await expect(auth.resolveSession('t')).resolves.toBeNull();
    sessions.findByHash.mockResolvedValue({
      tokenHash: hashSecret('t'),
      creatorId: 'c1',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(auth.resolveSession('t')).resolves.toEqual({ creatorId: 'c1', via: 'session', sessionHash: hashSecret('t') });
  });

  it('tells whether the session or token of a long-lived answer still stands', async () => {
    sessions.findByHash.mockResolvedValue(null);
    await expect(auth.stillAuthorised({ creatorId: 'c1', via: 'session', sessionHash: hashSecret('t') })).resolves.toBe(false);
    sessions.findByHash.mockResolvedValue({
      tokenHash: hashSecret('t'),
      creatorId: 'c1',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(auth.stillAuthorised({ creatorId: 'c1', via: 'session', sessionHash: hashSecret('t') })).resolves.toBe(true);
    tokens.exists.mockResolvedValue(false);
    await expect(auth.stillAuthorised({ creatorId: 'c1', via: 'token', tokenId: 't1' })).resolves.toBe(false);
    expect(tokens.exists).toHaveBeenCalledWith('t1');
  });

  it("an API token's last use is written at most once a minute", async () => {
    const token = {
      id: 't1',
      creatorId: 'c1',
      name: 'Zapier',
      tokenHash: hashSecret('lp_x'),
      prefix: 'lp_x',
      createdAt: new Date(),
    };
    tokens.findByHash.mockResolvedValue({ ...token, lastUsedAt: new Date(Date.now() - 10_000) });
    await expect(auth.resolveApiToken('lp_x')).resolves.toEqual({ creatorId: 'c1', via: 'token', tokenId: 't1' });
    expect(tokens.touch).not.toHaveBeenCalled();
    tokens.findByHash.mockResolvedValue({ ...token, lastUsedAt: new Date(Date.now() - 120_000) });
    await auth.resolveApiToken('lp_x');
    expect(tokens.touch).toHaveBeenCalledWith('t1', expect.any(Date));
  });

  it('deleting the account needs the password, then drops every link of it from the caches', async () => {
    creators.findById.mockResolvedValue(maya);
    await expect(auth.deleteMe('c1', { password: 'wrong password' })).rejects.toThrow(UnauthorizedException);
    expect(creators.delete).not.toHaveBeenCalled();
    links.slugsOf.mockResolvedValue(['spring', 'shop']);
    await auth.deleteMe('c1', { password: PASSWORD });
    expect(creators.delete).toHaveBeenCalledWith('c1', tx);
    expect(cache.invalidate.mock.calls.map(([slug]) => slug)).toEqual(['spring', 'shop']);
    // reserved to no one: the account is gone
    expect(quarantine.release).toHaveBeenCalledWith(tx, 'username', ['maya'], null, 90);
    expect(quarantine.release).toHaveBeenCalledWith(tx, 'slug', ['spring', 'shop'], null, 90);
  });

  it('refuses reserved usernames, common passwords, look-alikes of existing names and quarantined names at sign-up', async () => {
    const signup = (username: string, password = PASSWORD) =>
      auth.signup({ email: 'new@example.com', password, username }, '203.0.113.1');
    await expect(signup('admin')).rejects.toThrow(new BadRequestException('The username "admin" is reserved'));
    await expect(signup('linkpulse')).rejects.toThrow(BadRequestException);
    await expect(signup('newbie', 'password123')).rejects.toThrow(
      new BadRequestException('password is one of the most common passwords; choose another'),
    );
    creators.confusableUsername.mockResolvedValueOnce('maya');
    await expect(signup('rnaya')).rejects.toThrow(new ConflictException('This username looks too much like the existing "maya"'));
    expect(creators.confusableUsername).toHaveBeenLastCalledWith(tx, 'maya', null);
    quarantine.reservedUntil.mockResolvedValueOnce(new Date('2027-02-01T00:00:00Z'));
    await expect(signup('gone_user')).rejects.toThrow(/reserved until 2027-02-01/);
    expect(creators.insert).not.toHaveBeenCalled();
  });

  it('a new email needs the current password and is limited per account; a new username quarantines the old one', async () => {
    creators.findById.mockResolvedValue(maya);
    await expect(auth.updateMe('c1', { email: 'other@example.com' })).rejects.toThrow(
      new BadRequestException('currentPassword is required to change the email'),
    );
    await expect(auth.updateMe('c1', { email: 'other@example.com', currentPassword: 'wrong password' })).rejects.toThrow(
      ForbiddenException,
    );
    expect(throttle.emailChange).toHaveBeenCalledWith('c1');
    expect(throttle.passwordAttempt).toHaveBeenCalledWith('maya@example.com');
    expect(creators.update).not.toHaveBeenCalled();
    await auth.updateMe('c1', { email: 'other@example.com', currentPassword: PASSWORD });
    expect(creators.update).toHaveBeenLastCalledWith('c1', { email: 'other@example.com' }, tx);
    await auth.updateMe('c1', { email: 'maya@example.com', timezone: 'Asia/Tokyo' });
    expect(creators.update).toHaveBeenLastCalledWith('c1', { timezone: 'Asia/Tokyo' }, tx);

    await auth.updateMe('c1', { username: 'maya_k' });
    expect(creators.update).toHaveBeenLastCalledWith('c1', { username: 'maya_k', usernameSkeleton: 'maya_k' }, tx);
    expect(quarantine.release).toHaveBeenCalledWith(tx, 'username', ['maya'], 'c1', 90);
    await expect(auth.updateMe('c1', { username: 'api' })).rejects.toThrow(BadRequestException);
  });

  it('changing the password revokes every session in the same transaction; a session caller gets a new one', async () => {
    creators.findById.mockResolvedValue(maya);
    await expect(
      auth.changePassword(
        { creatorId: 'c1', via: 'session' },
        { currentPassword: 'wrong password', newPassword: 'another one!' },
      ),
    ).rejects.toThrow(ForbiddenException);
    const fresh = await auth.changePassword(
      { creatorId: 'c1', via: 'session' },
      { currentPassword: PASSWORD, newPassword: 'another one!' },
    );
    await expect(
      auth.changePassword({ creatorId: 'c1', via: 'session' }, { currentPassword: PASSWORD, newPassword: 'iloveyou1' }),
    ).rejects.toThrow(new BadRequestException('newPassword is one of the most common passwords; choose another'));
    expect(creators.update).toHaveBeenCalledWith('c1', { passwordHash: expect.any(String) }, tx);
    expect(sessions.deleteAllOf).toHaveBeenCalledWith(tx, 'c1');
    expect(sessions.insert.mock.calls[0][0].tokenHash).toEqual(hashSecret(fresh!));
    await expect(
      auth.changePassword({ creatorId: 'c1', via: 'token' }, { currentPassword: PASSWORD, newPassword: 'a third one!' }),
    ).resolves.toBeNull();
  });
});
