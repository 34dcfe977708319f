import { describe, expect, it } from '@jest/globals';
import { parseWrkReport } from './wrk.js';

describe('parseWrkReport', () => {
  it('reads requests, rate, p50, p99 and failures, whatever the latency unit (and trailing spaces)', () => {
    const report = [
      'Running 3s test @ http://127.0.0.1:39145/BfTVG5o',
      '  Latency Distribution',
      '     50%  123.86ms',
      '     75%  183.91ms',
      '     90%  445.69ms',
      '     99%    1.53s ',
      '  544 requests in 3.07s, 109.97KB read',
      '  Socket errors: connect 0, read 1, write 0, timeout 8',
      '  Non-2xx or 3xx responses: 2',
      'Requests/sec:    177.23',
    ].join('\n');
    expect(parseWrkReport(report)).toEqual({ requests: 544, requestsPerSecond: 177.23, p50: 123.86, p99: 1530, errors: 11 });
    expect(parseWrkReport(report.replace('123.86ms', '812.00us')).p50).toBeCloseTo(0.812, 6);
  });
});
