/** The creator the queries benchmark seeds with 10 M clicks over a year; the dashboard benchmark reads it. */
export const BENCH_QUERIES_ACCOUNT = {
  email: 'bench-queries@linkpulse.local',
  username: 'bench_queries',
  password: 'bench-password',
  timezone: 'Europe/Berlin',
};
