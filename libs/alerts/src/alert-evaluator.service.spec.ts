import { describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { HourlySeriesRepository } from '@app/analytics';
import { CreatorsRepository, LinksRepository } from '@app/db';
import { mockOf } from '../../../test/support/mocks.js';
import { AlertEvaluator, JUDGE_GRACE_MS } from './alert-evaluator.service.js';
import { AlertsRepository } from './alerts.repository.js';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

async function evaluatorWith(clockBefore: string | null) {
  const series = mockOf<HourlySeriesRepository>();
  series.activeCreators.mockResolvedValue(['c1', 'c2']);
  const alerts = mockOf<AlertsRepository>();
  alerts.advanceClock.mockResolvedValue(clockBefore ? new Date(clockBefore) : null);
  const module = await Test.createTestingModule({
    providers: [
      AlertEvaluator,
      { provide: HourlySeriesRepository, useValue: series },
      { provide: AlertsRepository, useValue: alerts },
      { provide: CreatorsRepository, useValue: mockOf<CreatorsRepository>() },
      { provide: LinksRepository, useValue: mockOf<LinksRepository>() },
    ],
  }).compile();
  const evaluator = module.get(AlertEvaluator);
  const judged: string[] = [];
  jest.spyOn(evaluator, 'judge').mockImplementation(async (creatorId, hour) => {
    judged.push(`${creatorId} ${new Date(hour).toISOString().slice(11, 13)}`);
    return [];
  });
  return { evaluator, alerts, judged };
}

describe('AlertEvaluator: which hours are judged when', () => {
  it('an hour is due once it ended a grace period ago; the clock moves to it and each creator’s hour is judged', async () => {
    const { evaluator, alerts, judged } = await evaluatorWith('2026-03-02T08:00:00Z');
    await evaluator.judgeDueHours(at('2026-03-02T10:00:00Z') + JUDGE_GRACE_MS);
    expect(alerts.advanceClock).toHaveBeenCalledWith(new Date('2026-03-02T09:00:00Z'));
    expect(judged).toEqual(['c1 09', 'c2 09']);
  });

  it('within the grace period the hour before is due, not the one that just ended', async () => {
    const { evaluator, alerts } = await evaluatorWith(null);
    await evaluator.judgeDueHours(at('2026-03-02T10:00:00Z') + JUDGE_GRACE_MS - 1);
    expect(alerts.advanceClock).toHaveBeenCalledWith(new Date('2026-03-02T08:00:00Z'));
  });

  it('nothing when another worker moved the clock there already; missed hours after an outage, at most 24', async () => {
    const idle = await evaluatorWith(null);
    expect(await idle.evaluator.judgeDueHours(at('2026-03-02T10:05:00Z'))).toEqual([]);
    expect(idle.judged).toEqual([]);
    const back = await evaluatorWith('2026-02-20T00:00:00Z');
    await back.evaluator.judgeDueHours(at('2026-03-02T10:05:00Z'));
    expect(back.judged).toHaveLength(48);
    expect(back.judged.slice(0, 2)).toEqual(['c1 10', 'c2 10']);
  });

  it('changed hours are judged again only once past their grace period (earlier ones are judged when due)', async () => {
    const { evaluator, judged } = await evaluatorWith(null);
    const now = at('2026-03-02T10:02:00Z');
    await evaluator.judgeLateHours(
      [
        {
          creatorId: 'c1',
          hours: [new Date(now - 30 * HOUR), new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T10:00:00Z')],
        },
      ],
      now,
    );
    expect(judged).toEqual(['c1 04']);
  });
});
