/** One line of the benchmark table: a figure, and the baseline measured in the same run where there is one. */
export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  note?: string;
}

/** One updating progress line on a terminal, plain lines elsewhere. */
export function progress(message: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${message}`);
  else console.log(message);
}

export function progressDone(): void {
  if (process.stdout.isTTY) process.stdout.write('\n');
}
