/** Hours of calm that still belong to the same anomaly: a spike that dips for an hour is not two. */
export const EPISODE_GAP_HOURS = 2;
const HOUR_MS = 3_600_000;

export interface Episode {
  firstHour: number;
  lastHour: number;
}

/**
 * The open episode an anomalous hour belongs to (it lies within EPISODE_GAP_HOURS of it, before or
 * after, since a late hour may be judged after the ones that follow it), or undefined: a new alert.
 */
export function episodeOf<T extends Episode>(episodes: readonly T[], hour: number): T | undefined {
  const gap = (EPISODE_GAP_HOURS + 1) * HOUR_MS;
  return episodes.find((episode) => hour >= episode.firstHour - gap && hour <= episode.lastHour + gap);
}
