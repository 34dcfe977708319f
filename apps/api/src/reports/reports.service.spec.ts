import { beforeEach, describe, expect, it } from '@jest/globals';
import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AnalyticsService, InvalidRangeError, LinkNotFoundError } from '@app/analytics';
import { JobQueues, RenderReportJob } from '@app/common';
import { CreatorsRepository, Transactions } from '@app/db';
import { ReportRepository, type ReportRow, ReportScheduleRepository, type ReportScheduleRow } from '@app/reports';
import { type Mock, mockOf } from '../../../../test/support/mocks.js';
import { ReportSchedulesService } from './report-schedules.service.js';
import { CreateReportDto, CreateReportScheduleDto } from './reports.dto.js';
import { MAX_REPORTS_IN_PROGRESS, ReportsService, ReportTargets } from './reports.service.js';

const report = (fields: Partial<ReportRow>): ReportRow => ({
  id: 'r1',
  creatorId: 'c1',
  scheduleId: null,
  periodKey: null,
  linkId: null,
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-04-01T00:00:00Z'),
  tz: 'UTC',
  status: 'queued',
  error: null,
  createdAt: new Date(),
  readyAt: null,
  emailStatus: null,
  emailedAt: null,
  emailError: null,
  ...fields,
});

const dto = <T extends object>(type: new () => T, fields: Partial<T>): T => Object.assign(new type(), fields);

describe('reports', () => {
  let reportsService: ReportsService;
  let schedulesService: ReportSchedulesService;
  let reports: Mock<ReportRepository>;
  let schedules: Mock<ReportScheduleRepository>;
  let analytics: Mock<AnalyticsService>;
  let creators: Mock<CreatorsRepository>;
  let jobs: Mock<JobQueues>;

  beforeEach(async () => {
    reports = mockOf<ReportRepository>();
    schedules = mockOf<ReportScheduleRepository>();
    analytics = mockOf<AnalyticsService>();
    creators = mockOf<CreatorsRepository>();
    jobs = mockOf<JobQueues>();
    const module = await Test.createTestingModule({
      providers: [
        ReportsService,
        ReportSchedulesService,
        ReportTargets,
        { provide: ReportRepository, useValue: reports },
        { provide: ReportScheduleRepository, useValue: schedules },
        { provide: AnalyticsService, useValue: analytics },
        { provide: CreatorsRepository, useValue: creators },
        { provide: JobQueues, useValue: jobs },
        {
          provide: Transactions,
          useValue: mockOf<Transactions>({ runLocked: async (_scope, _creatorId, work) => work({} as never) }),
        },
      ],
    }).compile();
    reportsService = module.get(ReportsService);
    schedulesService = module.get(ReportSchedulesService);
    creators.timeZoneOf.mockResolvedValue('Europe/Berlin');
    reports.countInProgress.mockResolvedValue(0);
    reports.insert.mockImplementation(async (fields) => report(fields));
  });

  const march = { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' };

  it("queues a report in the creator's zone and enqueues its render under the report's job id", async () => {
    const created = await reportsService.create('c1', dto(CreateReportDto, march));
    const [inserted] = reports.insert.mock.calls[0];
    expect(inserted).toMatchObject({
      creatorId: 'c1',
      tz: 'Europe/Berlin',
      linkId: null,
      from: new Date('2026-02-28T23:00:00Z'),
    });
    expect(created).toEqual({ id: inserted.id, status: 'queued' });
    expect(jobs.add).toHaveBeenCalledWith(
      RenderReportJob,
      { creatorId: 'c1', reportId: inserted.id },
      expect.objectContaining({ jobId: `report-${inserted.id}`, attempts: 3 }),
    );
  });

  it('a report whose job cannot be added stays queued for the sweep (no error to the creator)', async () => {
    jobs.add.mockRejectedValue(new Error('Redis is not connected'));
    await expect(reportsService.create('c1', dto(CreateReportDto, march))).resolves.toMatchObject({ status: 'queued' });
  });

  it("refuses a bad range, a link not the creator's, and more than 5 in progress, storing nothing", async () => {
    await expect(reportsService.create('c1', dto(CreateReportDto, { from: march.to, to: march.from }))).rejects.toThrow(
      InvalidRangeError,
    );
    analytics.assertLinkOf.mockRejectedValue(new LinkNotFoundError());
    await expect(reportsService.create('c1', dto(CreateReportDto, { ...march, linkId: 'l9' }))).rejects.toThrow(
      LinkNotFoundError,
    );
    reports.countInProgress.mockResolvedValue(MAX_REPORTS_IN_PROGRESS);
    const tooMany = reportsService.create('c1', dto(CreateReportDto, march));
    await expect(tooMany).rejects.toThrow(
      new HttpException('At most 5 reports can be in progress at once; wait for one to finish', 429),
    );
    expect(reports.insert).not.toHaveBeenCalled();
    expect(jobs.add).not.toHaveBeenCalled();
  });

  it('offers the PDF only once ready, named for the creator and the days of the zone', async () => {
    reports.findWithPdf.mockResolvedValue({ report: report({ status: 'running', tz: 'UTC' }), pdf: null, username: 'maya' });
    const running = await reportsService.download('c1', 'r1');
    expect(running.pdf).toBeNull();
    expect(running.filename).toBe('linkpulse-maya-2026-03-01-2026-03-31.pdf');
    reports.findWithPdf.mockResolvedValue(null);
    await expect(reportsService.download('c1', 'r9')).rejects.toThrow(new NotFoundException('Report not found'));
  });

  it('a weekly schedule needs its weekday, a monthly one must not have one; 20 at most', async () => {
    await expect(schedulesService.create('c1', dto(CreateReportScheduleDto, { frequency: 'weekly', hour: 8 }))).rejects.toThrow(
      BadRequestException,
    );
    await expect(
      schedulesService.create('c1', dto(CreateReportScheduleDto, { frequency: 'monthly', hour: 8, dayOfWeek: 1 })),
    ).rejects.toThrow('dayOfWeek is only for weekly schedules');
    schedules.count.mockResolvedValue(20);
    await expect(schedulesService.create('c1', dto(CreateReportScheduleDto, { frequency: 'monthly', hour: 8 }))).rejects.toThrow(
      ConflictException,
    );
    expect(schedules.insert).not.toHaveBeenCalled();
  });

  it("a schedule takes the creator's zone when none is given", async () => {
    schedules.count.mockResolvedValue(0);
    schedules.insert.mockImplementation(
      async (fields) => ({ ...fields, createdAt: new Date('2026-03-01T00:00:00Z'), lastPeriod: null }) as ReportScheduleRow,
    );
    const created = await schedulesService.create(
      'c1',
      dto(CreateReportScheduleDto, { frequency: 'weekly', dayOfWeek: 1, hour: 8 }),
    );
    expect(schedules.insert.mock.calls[0][0]).toMatchObject({
      creatorId: 'c1',
      frequency: 'weekly',
      dayOfWeek: 1,
      hour: 8,
      tz: 'Europe/Berlin',
    });
    expect(created).toMatchObject({ frequency: 'weekly', dayOfWeek: 1, hour: 8, tz: 'Europe/Berlin', linkId: null });
  });
});
