import { beforeEach, describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@app/common';
import { LinksRepository, NameQuarantineRepository, ProfilesRepository, Transactions } from '@app/db';
import type { EntityManager } from 'typeorm';
import { type Mock, mockOf } from '../../../../test/support/mocks.js';
import { placementOrder, ProfileService } from './profile.service.js';

const tx = {} as EntityManager;
const A = '0190a1b2-0000-7000-8000-00000000000a';
const B = '0190a1b2-0000-7000-8000-00000000000b';

describe('ProfileService', () => {
  let service: ProfileService;
  let profiles: Mock<ProfilesRepository>;
  let links: Mock<LinksRepository>;

  beforeEach(async () => {
    profiles = mockOf<ProfilesRepository>();
    links = mockOf<LinksRepository>();
    const transactions = mockOf<Transactions>();
    transactions.run.mockImplementation((work) => work(tx));
    const module = await Test.createTestingModule({
      providers: [
        ProfileService,
        { provide: ProfilesRepository, useValue: profiles },
        { provide: LinksRepository, useValue: links },
        { provide: Transactions, useValue: transactions },
        { provide: AppConfig, useValue: { publicUrl: 'https://lnk.example.com' } },
        { provide: NameQuarantineRepository, useValue: mockOf<NameQuarantineRepository>() },
      ],
    }).compile();
    service = module.get(ProfileService);
    profiles.find.mockResolvedValue({
      creatorId: 'c1',
      username: 'maya',
      title: 'Maya',
      bio: '',
      avatarUrl: null,
      theme: 'light',
    });
    links.profileOrder.mockResolvedValue([]);
  });

  it('orders the placements by position, ties kept in list order, ids lowercased; a link twice is a 400', () => {
    expect(
      placementOrder([
        { linkId: B.toUpperCase(), position: 2, visible: true },
        { linkId: A, position: 1, visible: false },
        { linkId: 'c', position: 2, visible: true },
      ]),
    ).toEqual([
      { id: A, visible: false },
      { id: B, visible: true },
      { id: 'c', visible: true },
    ]);
    expect(() =>
      placementOrder([
        { linkId: A, position: 0, visible: true },
        { linkId: A.toUpperCase(), position: 1, visible: true },
      ]),
    ).toThrow(BadRequestException);
  });

  it('reorders under the profile lock, in the same transaction as the page text', async () => {
    links.ownedIds.mockResolvedValue(new Set([A, B]));
    await service.update('c1', {
      title: '  Maya B ',
      links: [
        { linkId: B, position: 0, visible: true },
        { linkId: A, position: 1, visible: false },
      ],
    });
    expect(profiles.lockLinkOrder).toHaveBeenCalledWith(tx, 'c1');
    expect(links.setProfileOrder).toHaveBeenCalledWith(tx, 'c1', [
      { id: B, visible: true },
      { id: A, visible: false },
    ]);
    expect(profiles.update).toHaveBeenCalledWith(tx, 'c1', { title: 'Maya B' });
  });

  it("a link that is not the creator's changes nothing and is a 404 naming it", async () => {
    links.ownedIds.mockResolvedValue(new Set([A]));
    await expect(
      service.update('c1', {
        bio: 'new',
        links: [
          { linkId: A, position: 0, visible: true },
          { linkId: B, position: 1, visible: true },
        ],
      }),
    ).rejects.toThrow(new NotFoundException(`Link ${B} not found`));
    expect(links.setProfileOrder).not.toHaveBeenCalled();
    expect(profiles.update).not.toHaveBeenCalled();
  });

  it('avatars must be https; an empty one clears it', async () => {
    await expect(service.update('c1', { avatarUrl: 'http://img.example/a.png' })).rejects.toThrow(BadRequestException);
    await service.update('c1', { avatarUrl: '  ' });
    expect(profiles.update).toHaveBeenLastCalledWith(tx, 'c1', { avatarUrl: null });
  });

  it('the public page: null for an unknown username, else the profile and its visible links', async () => {
    profiles.findByUsername.mockResolvedValue(null);
    await expect(service.publicProfile('nobody')).resolves.toBeNull();
    const profile = { creatorId: 'c1', username: 'maya', title: 'Maya', bio: '', avatarUrl: null, theme: 'dark' as const };
    profiles.findByUsername.mockResolvedValue(profile);
    links.publicLinks.mockResolvedValue([{ slug: 'spring', title: null, url: 'https://a.example/' }]);
    await expect(service.publicProfile('Maya')).resolves.toEqual({
      profile,
      links: [{ slug: 'spring', title: null, url: 'https://a.example/' }],
    });
    expect(links.publicLinks).toHaveBeenCalledWith('c1');
  });
});
