import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Share } from '@app/db';
import { DataSource } from 'typeorm';

/** The shares table. Reads by id are scoped by creator; the public view finds a share by its token. */
@Injectable()
export class SharesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(share: Omit<Share, 'createdAt'>): Promise<Share> {
    await this.db.getRepository(Share).insert(share);
    return this.db.getRepository(Share).findOneByOrFail({ id: share.id });
  }

  listOwned(creatorId: string): Promise<Share[]> {
    return this.db.getRepository(Share).find({ where: { creatorId }, order: { createdAt: 'DESC' } });
  }

  findByToken(token: string): Promise<Share | null> {
    return this.db.getRepository(Share).findOneBy({ token });
  }

  /** Whether the creator had the share (it is gone now). */
  async delete(creatorId: string, id: string): Promise<boolean> {
    const result = await this.db.getRepository(Share).delete({ id, creatorId });
    return (result.affected ?? 0) > 0;
  }
}
