import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Transactions } from '@app/db';
import { ReportScheduleRepository } from '@app/reports';
import { type CreateReportScheduleDto, ReportScheduleDto } from './reports.dto.js';
import { ReportTargets } from './reports.service.js';

/** Schedules a creator may have. */
export const MAX_SCHEDULES = 20;

@Injectable()
export class ReportSchedulesService {
  constructor(
    private readonly schedules: ReportScheduleRepository,
    private readonly targets: ReportTargets,
    private readonly transactions: Transactions,
  ) {}

  async list(creatorId: string): Promise<ReportScheduleDto[]> {
    const now = Date.now();
    return (await this.schedules.list(creatorId)).map((row) => ReportScheduleDto.from(row, now));
  }

  /** A new schedule fires first at its next due hour (never for a period that was due before it existed). */
  async create(creatorId: string, dto: CreateReportScheduleDto): Promise<ReportScheduleDto> {
    if (dto.frequency === 'weekly' && dto.dayOfWeek === undefined) {
      throw new BadRequestException('dayOfWeek is required for a weekly schedule (1 = Monday … 7 = Sunday)');
    }
    if (dto.frequency === 'monthly' && dto.dayOfWeek !== undefined) {
      throw new BadRequestException('dayOfWeek is only for weekly schedules; monthly reports are made on the 1st');
    }
    const { tz, linkId } = await this.targets.resolve(creatorId, dto.tz, dto.linkId);
    const row = await this.transactions.runLocked('report-schedules', creatorId, async (tx) => {
      if ((await this.schedules.count(creatorId, tx)) >= MAX_SCHEDULES) {
        throw new ConflictException(`A creator can have at most ${MAX_SCHEDULES} report schedules`);
      }
      return this.schedules.insert(
        {
          id: randomUUID(),
          creatorId,
          frequency: dto.frequency,
          dayOfWeek: dto.frequency === 'weekly' ? (dto.dayOfWeek ?? null) : null,
          hour: dto.hour,
          tz,
          linkId,
        },
        tx,
      );
    });
    return ReportScheduleDto.from(row);
  }

  /** The schedule stops; the reports it made stay (listed with their scheduleId cleared). */
  async delete(creatorId: string, id: string): Promise<void> {
    if (!(await this.schedules.delete(creatorId, id))) throw new NotFoundException('Report schedule not found');
  }
}
