import { Injectable } from '@nestjs/common';
import { ALERT_KINDS, type AlertSettings, AlertsRepository } from '@app/alerts';
import { InvalidInputError, NotFoundError } from '@app/common';
import { AlertDto, type AlertListDto, type AlertListQueryDto } from './alerts.dto.js';

const DEFAULT_LIMIT = 20;

@Injectable()
export class AlertsService {
  constructor(private readonly alerts: AlertsRepository) {}

  async list(creatorId: string, query: AlertListQueryDto): Promise<AlertListDto> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const before = query.cursor ? await this.alerts.find(creatorId, query.cursor) : undefined;
    if (before === null) throw new InvalidInputError('cursor must be the nextCursor of a previous page');
    const rows = await this.alerts.list(creatorId, { limit: limit + 1, before, unread: query.unread === 'true' });
    const items = rows.slice(0, limit).map((row) => AlertDto.from(row));
    return {
      items,
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
      unread: await this.alerts.unreadCount(creatorId),
    };
  }

  async setRead(creatorId: string, id: string, read: boolean): Promise<AlertDto> {
    if (!(await this.alerts.setRead(creatorId, id, read))) throw new NotFoundError('no such alert');
    return AlertDto.from((await this.alerts.find(creatorId, id))!);
  }

  settings(creatorId: string): Promise<AlertSettings> {
    return this.alerts.settings(creatorId);
  }

  saveSettings(creatorId: string, settings: AlertSettings): Promise<AlertSettings> {
    // kinds in their canonical order, each once
    const kinds = ALERT_KINDS.filter((kind) => settings.kinds.includes(kind));
    return this.alerts.saveSettings(creatorId, { ...settings, kinds });
  }
}
