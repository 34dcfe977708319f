export interface Scale {
  max: number;
  ticks: number[];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * A count axis from 0 that covers `max` with at most `maxTicks` intervals of a round,
 * whole-number step (1, 2, 2.5, 5 × 10ⁿ): 0–1,234 → 0, 250, 500 … 1,250.
 */
export function niceScale(max: number, maxTicks = 5): Scale {
  const rough = Math.max(max, 1) / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, NICE_STEPS.map((s) => s * magnitude).find((s) => s >= rough && Number.isInteger(s)) ?? 10 * magnitude);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { max: top, ticks };
}
