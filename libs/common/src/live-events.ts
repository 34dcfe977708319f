import type { LiveEvent } from './analytics.types.js';
import { liveChannel } from './queues.js';
import type { RedisService } from './redis.service.js';

/**
 * Publishes events on their creators' live channels (`GET /analytics/live`), in one round trip.
 * Best effort: the stored events are what counts, so a failure is ignored.
 */
export async function publishLive(redis: RedisService, events: { creatorId: string; event: LiveEvent }[]): Promise<void> {
  if (events.length === 0) return;
  const pipeline = redis.client.pipeline();
  for (const { creatorId, event } of events) pipeline.publish(liveChannel(creatorId), JSON.stringify(event));
  await pipeline.exec().catch(() => undefined);
}
