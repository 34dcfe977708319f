import { beforeEach, describe, expect, it } from '@jest/globals';
import { BadRequestException, ConflictException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@app/common';
import {
  CreatorsRepository,
  type Link,
  LinksRepository,
  NameQuarantineRepository,
  ProfilesRepository,
  Transactions,
} from '@app/db';
import type { EntityManager } from 'typeorm';
import { type Mock, mockOf } from '../../../../test/support/mocks.js';
import { LinkCache } from '../redirect/link-cache.service.js';
import { LinksService } from './links.service.js';
import { SelfLoopCheck } from '@app/links';
import { RateLimiter } from '../http/rate-limiter.js';
import { QrRenderer } from './qr.renderer.js';

const tx = {} as EntityManager;

const link = (fields: Partial<Link> = {}): Link => ({
  id: 'l1',
  creatorId: 'c1',
  slug: 'spring',
  url: 'https://shop.example.com/',
  title: null,
  onProfile: false,
  profilePosition: 0,
  expiresAt: null,
  fallbackUrl: null,
  tags: [],
  conversionTracking: false,
  rules: null,
  startsAt: null,
  archivedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...fields,
});

describe('LinksService', () => {
  let service: LinksService;
  let links: Mock<LinksRepository>;
  let profiles: Mock<ProfilesRepository>;
  let cache: Mock<LinkCache>;
  let quarantine: Mock<NameQuarantineRepository>;

  beforeEach(async () => {
    links = mockOf<LinksRepository>();
    profiles = mockOf<ProfilesRepository>();
    cache = mockOf<LinkCache>();
    quarantine = mockOf<NameQuarantineRepository>();
    quarantine.reservedUntil.mockResolvedValue(null);
    const transactions = mockOf<Transactions>();
    transactions.run.mockImplementation((work) => work(tx));
    const module = await Test.createTestingModule({
      providers: [
        LinksService,
        { provide: LinksRepository, useValue: links },
        { provide: CreatorsRepository, useValue: mockOf<CreatorsRepository>() },
        { provide: ProfilesRepository, useValue: profiles },
        { provide: Transactions, useValue: transactions },
        { provide: LinkCache, useValue: cache },
        { provide: AppConfig, useValue: { publicUrl: 'https://lnk.example.com', slugQuarantineDays: 90 } },
        { provide: SelfLoopCheck, useValue: mockOf<SelfLoopCheck>({ problem: async () => null }) },
        { provide: NameQuarantineRepository, useValue: quarantine },
        { provide: QrRenderer, useValue: mockOf<QrRenderer>() },
        { provide: RateLimiter, useValue: mockOf<RateLimiter>() },
      ],
    }).compile();
    service = module.get(LinksService);
  });

  it('creates with the chosen slug, a normalised target, and forgets the slug in every cache', async () => {
    links.insertUnlessSlugTaken.mockImplementation(async (_tx, fields) => link(fields));
    const created = await service.create('c1', { url: 'HTTPS://Shop.Example.com', slug: 'spring', title: '  Spring sale ' });
    expect(links.insertUnlessSlugTaken).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ creatorId: 'c1', slug: 'spring', url: 'https://shop.example.com/', title: 'Spring sale' }),
    );
    expect(created.slug).toBe('spring');
    expect(cache.invalidate).toHaveBeenCalledWith('spring');
  });

  it('a taken chosen slug is a 409; generated slugs are drawn again, five times at most', async () => {
    links.insertUnlessSlugTaken.mockResolvedValue(null);
    await expect(service.create('c1', { url: 'https://a.example', slug: 'spring' })).rejects.toThrow(
      new ConflictException('The slug "spring" is taken'),
    );
    expect(links.insertUnlessSlugTaken).toHaveBeenCalledTimes(1);
    links.insertUnlessSlugTaken.mockClear();
    await expect(service.create('c1', { url: 'https://a.example' })).rejects.toThrow(ServiceUnavailableException);
    const slugs = links.insertUnlessSlugTaken.mock.calls.map(([, fields]) => fields.slug);
    expect(slugs).toHaveLength(5);
    expect(new Set(slugs).size).toBe(5);
    expect(cache.invalidate).not.toHaveBeenCalled();
  });

  it('refuses a javascript: target, a reserved slug and the service itself as target, before any write', async () => {
    await expect(service.create('c1', { url: 'javascript:alert(1)' })).rejects.toThrow(BadRequestException);
    await expect(service.create('c1', { url: 'https://a.example', slug: 'api' })).rejects.toThrow(BadRequestException);
    await expect(service.create('c1', { url: 'https://lnk.example.com/spring' })).rejects.toThrow(BadRequestException);
    expect(links.insertUnlessSlugTaken).not.toHaveBeenCalled();
  });

  it('a link on the profile goes last, under the profile lock', async () => {
    links.nextProfilePosition.mockResolvedValue(3);
    links.insertUnlessSlugTaken.mockImplementation(async (_tx, fields) => link(fields));
    await service.create('c1', { url: 'https://a.example', onProfile: true });
    expect(profiles.lockLinkOrder).toHaveBeenCalledWith(tx, 'c1');
    expect(links.insertUnlessSlugTaken.mock.calls[0][1]).toMatchObject({ onProfile: true, profilePosition: 3 });
  });

  it('renaming forgets both the old and the new slug; archiving stamps the time', async () => {
    links.findOwned.mockResolvedValue(link());
    links.update.mockImplementation(async (_tx, _creator, _id, changes) => link({ ...changes }));
    await service.update('c1', 'l1', { slug: 'summer', archived: true });
    const [, , , changes] = links.update.mock.calls[0];
    expect(changes.slug).toBe('summer');
    expect(changes.archivedAt).toBeInstanceOf(Date);
    expect(cache.invalidate.mock.calls.map(([slug]) => slug)).toEqual(['spring', 'summer']);
  });

  it('a deleted link’s slug, and a renamed link’s old slug, are quarantined for SLUG_QUARANTINE_DAYS in the same transaction', async () => {
    links.delete.mockResolvedValue('spring');
    await service.delete('c1', 'l1');
    expect(links.delete).toHaveBeenCalledWith('c1', 'l1', tx);
    expect(quarantine.release).toHaveBeenCalledWith(tx, 'slug', ['spring'], 'c1', 90);
    links.findOwned.mockResolvedValue(link());
    links.update.mockImplementation(async (_tx, _creator, _id, changes) => link({ ...changes }));
    await service.update('c1', 'l1', { slug: 'summer' });
    expect(quarantine.release).toHaveBeenLastCalledWith(tx, 'slug', ['spring'], 'c1', 90);
    quarantine.release.mockClear();
    await service.update('c1', 'l1', { slug: 'SPRING' });
    expect(quarantine.release).not.toHaveBeenCalled();
  });

  it('a quarantined slug is a 409 saying until when; a generated one is drawn again', async () => {
    quarantine.reservedUntil.mockResolvedValue(new Date('2027-03-01T10:00:00Z'));
    await expect(service.create('c2', { url: 'https://a.example', slug: 'spring' })).rejects.toThrow(
      /The slug "spring" belonged to a removed link and is reserved until 2027-03-01/,
    );
    expect(quarantine.reservedUntil).toHaveBeenCalledWith('slug', 'spring', 'c2', tx);
    links.findOwned.mockResolvedValue(link());
    await expect(service.update('c2', 'l1', { slug: 'spring' })).rejects.toThrow(ConflictException);
    expect(links.update).not.toHaveBeenCalled();
    quarantine.reservedUntil.mockResolvedValueOnce(new Date('2027-03-01T10:00:00Z')).mockResolvedValue(null);
    links.insertUnlessSlugTaken.mockImplementation(async (_tx, fields) => link(fields));
    await service.create('c2', { url: 'https://a.example' });
    expect(quarantine.reservedUntil).toHaveBeenCalledTimes(4);
    expect(links.insertUnlessSlugTaken).toHaveBeenCalledTimes(1);
  });

  it("null for a field that must have a value is a 400; another creator's link a 404", async () => {
    await expect(service.update('c1', 'l1', { url: null as unknown as string })).rejects.toThrow(
      new BadRequestException('url must not be null'),
    );
    links.findOwned.mockResolvedValue(null);
    await expect(service.update('c1', 'l9', { title: 'x' })).rejects.toThrow(NotFoundException);
    links.delete.mockResolvedValue(null);
    await expect(service.delete('c1', 'l9')).rejects.toThrow(new NotFoundException('Link not found'));
    expect(cache.invalidate).not.toHaveBeenCalled();
  });
});
