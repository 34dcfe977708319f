import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '@app/common';
import {
  LinksRepository,
  NameQuarantineRepository,
  type ProfileChanges,
  type ProfileRecord,
  ProfilesRepository,
  type PublicLink,
  Transactions,
} from '@app/db';
import { normaliseTargetUrl, TargetUrlError } from '@app/links';
import { ProfileDto, type ProfileLinkPlacementDto, type UpdateProfileDto } from './profile.dto.js';

export interface PublicProfile {
  profile: ProfileRecord;
  links: PublicLink[];
}

/** The creator's link-in-bio page: what it says, which links it shows, in what order. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly links: LinksRepository,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
    private readonly quarantine: NameQuarantineRepository,
  ) {}

  async get(creatorId: string): Promise<ProfileDto> {
    const profile = (await this.profiles.find(creatorId)) ?? this.notFound('Profile not found');
    return ProfileDto.from(profile, await this.links.profileOrder(creatorId), this.config.publicUrl);
  }

  /** One transaction: an unknown link id (or another creator's) changes nothing and answers 404. */
  async update(creatorId: string, dto: UpdateProfileDto): Promise<ProfileDto> {
    const current = (await this.profiles.find(creatorId)) ?? this.notFound('Profile not found');
    const changes = this.checkedChanges(dto, current.avatarUrl);
    const order = dto.links && placementOrder(dto.links);
    await this.transactions.run(async (tx) => {
      if (order) {
        await this.profiles.lockLinkOrder(tx, creatorId);
        const owned = await this.links.ownedIds(
          tx,
          creatorId,
          order.map((entry) => entry.id),
        );
        const unknown = order.find((entry) => !owned.has(entry.id));
        if (unknown) this.notFound(`Link ${unknown.id} not found`);
        await this.links.setProfileOrder(tx, creatorId, order);
      }
      await this.profiles.update(tx, creatorId, changes);
    });
    return this.get(creatorId);
  }

  /** Where a creator who renamed themselves from `username` is now, while the old name is theirs alone. */
  renamedTo(username: string): Promise<string | null> {
    return this.quarantine.renamedTo(username);
  }

  /** The page at /@username: null when there is no such creator. */
  async publicProfile(username: string): Promise<PublicProfile | null> {
    const profile = await this.profiles.findByUsername(username);
    if (!profile) return null;
    return { profile, links: await this.links.publicLinks(profile.creatorId) };
  }

  /** The changes asked for; an avatarUrl sent back as it is (an uploaded avatar's own address) is no change. */
  private checkedChanges(dto: UpdateProfileDto, currentAvatarUrl: string | null): ProfileChanges {
    const changes: ProfileChanges = {};
    if (dto.title !== undefined) changes.title = dto.title?.trim() ?? '';
    if (dto.bio !== undefined) changes.bio = dto.bio?.trim() ?? '';
    if (dto.theme !== undefined) changes.theme = dto.theme;
    if (dto.avatarUrl !== undefined && dto.avatarUrl !== currentAvatarUrl) {
      try {
        changes.avatarUrl =
          dto.avatarUrl === null || dto.avatarUrl.trim() === ''
            ? null
            : normaliseTargetUrl('avatarUrl', dto.avatarUrl, { httpsOnly: true });
      } catch (error) {
        if (error instanceof TargetUrlError) throw new BadRequestException(error.message);
        throw error;
      }
    }
    return changes;
  }

  private notFound(message: string): never {
    throw new NotFoundException(message);
  }
}

/** The placements sorted by position (ties keep their order in the list); a link listed twice is refused. */
export function placementOrder(placements: ProfileLinkPlacementDto[]): { id: string; visible: boolean }[] {
  const seen = new Set<string>();
  for (const placement of placements) {
    const id = placement.linkId.toLowerCase();
    if (seen.has(id)) throw new BadRequestException(`links lists ${placement.linkId} more than once`);
    seen.add(id);
  }
  return placements
    .map((placement, index) => ({ placement, index }))
    .sort((a, b) => a.placement.position - b.placement.position || a.index - b.index)
    .map(({ placement }) => ({ id: placement.linkId.toLowerCase(), visible: placement.visible }));
}
