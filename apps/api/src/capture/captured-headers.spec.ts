import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { redirectHeadersOf } from './captured-headers.js';

/** What node's own `request.headers` makes of the same raw headers, for the wanted names. */
function nodeHeaders(raw: string[]): Record<string, unknown> {
  const message = new IncomingMessage(new Socket());
  // how node's HTTP parser hands a request its headers
  (message as unknown as { _addHeaderLines(headers: string[], count: number): void })._addHeaderLines(raw, raw.length);
  const all = message.headers;
  return Object.fromEntries(Object.entries(redirectHeadersOf(raw)).map(([name]) => [name, all[name]]));
}

describe('redirectHeadersOf', () => {
  const browser = [
    ['Host', 'linkpulse.example'],
    ['User-Agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)'],
    ['Accept', 'text/html'],
    ['Accept-Language', 'de-DE,de;q=0.9'],
    ['Referer', 'https://l.instagram.com/'],
    ['Sec-CH-UA', '"Chromium";v="124"'],
    ['sec-ch-ua-mobile', '?1'],
    ['SEC-CH-UA-PLATFORM', '"Android"'],
    ['Sec-CH-UA-Platform-Version', '"14.0.0"'],
    ['Sec-CH-UA-Model', '"Pixel 8"'],
    ['X-Forwarded-For', '203.0.113.7'],
  ].flat();

  it('reads every wanted header whatever its case, and nothing else', () => {
    expect(redirectHeadersOf(browser)).toEqual({
      'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)',
      'accept-language': 'de-DE,de;q=0.9',
      referer: 'https://l.instagram.com/',
      'sec-ch-ua': '"Chromium";v="124"',
      'sec-ch-ua-mobile': '?1',
      'sec-ch-ua-platform': '"Android"',
      'sec-ch-ua-platform-version': '"14.0.0"',
      'sec-ch-ua-model': '"Pixel 8"',
      'x-forwarded-for': '203.0.113.7',
    });
  });

  it('gives what node gives for repeated headers: the first user agent and referrer, the others joined', () => {
    const repeated = [
      ['User-Agent', 'first'],
      ['user-agent', 'second'],
      ['Referer', 'https://a.example/'],
      ['REFERER', 'https://b.example/'],
      ['Accept-Language', 'fr'],
      ['accept-language', 'en'],
      ['X-Forwarded-For', '198.51.100.1'],
      ['x-forwarded-for', '203.0.113.9'],
      ['Sec-CH-UA-Model', 'a'],
      ['sec-ch-ua-model', 'b'],
    ].flat();
    expect(redirectHeadersOf(repeated)).toEqual(nodeHeaders(repeated));
    expect(redirectHeadersOf(browser)).toEqual(nodeHeaders(browser));
    expect(redirectHeadersOf(repeated)['x-forwarded-for']).toBe('198.51.100.1, 203.0.113.9');
  });

  it('is empty for a request without any of them', () => {
    expect(redirectHeadersOf(['Host', 'x', 'Accept', '*/*'])).toEqual({});
  });
});
