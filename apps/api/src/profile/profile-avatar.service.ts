import { createHash } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { ProfilesRepository, type UploadedAvatar } from '@app/db';
import { AVATAR_EXTENSIONS, type AvatarType, AvatarImageError, readAvatarImage } from './avatar.image.js';

const AVATAR_FILE = /^([0-9a-f]{32})\.(png|jpg|webp)$/;

/** Uploaded avatars: checked, stored beside the profile, served from /avatars/{key}.{ext}. */
@Injectable()
export class ProfileAvatarService {
  constructor(private readonly profiles: ProfilesRepository) {}

  /** Makes the image the creator's avatar (the profile's avatarUrl points at it). */
  async upload(creatorId: string, dataUrl: string): Promise<void> {
    let image;
    try {
      image = readAvatarImage(dataUrl);
    } catch (error) {
      if (error instanceof AvatarImageError) throw new BadRequestException(error.message);
      throw error;
    }
    const key = createHash('sha256').update(creatorId).update(image.bytes).digest('hex').slice(0, 32);
    // root-relative: served by whichever address the page is seen at
    const url = `/avatars/${key}.${AVATAR_EXTENSIONS[image.type]}`;
    await this.profiles.setAvatarImage(creatorId, { key, type: image.type, bytes: image.bytes }, url);
  }

  /** The image at /avatars/{file}, or null: no such file, or its extension is not the image's. */
  async file(name: string): Promise<UploadedAvatar | null> {
    const match = AVATAR_FILE.exec(name);
    if (!match) return null;
    const avatar = await this.profiles.avatarImageByKey(match[1]);
    return avatar && AVATAR_EXTENSIONS[avatar.type as AvatarType] === match[2] ? avatar : null;
  }
}
