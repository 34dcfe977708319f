import { describe, expect, it } from '@jest/globals';
import { isPublicIp, parseIp } from './ip.address.js';

describe('parseIp', () => {
  it.each([
    ['8.8.8.8', { address: '8.8.8.8', family: 4 }],
    [' 81.2.69.142 ', { address: '81.2.69.142', family: 4 }],
    ['::ffff:8.8.8.8', { address: '8.8.8.8', family: 4 }],
    ['::FFFF:81.2.69.142', { address: '81.2.69.142', family: 4 }],
    ['::ffff:808:808', { address: '8.8.8.8', family: 4 }],
    ['2A01:4F8::1', { address: '2a01:4f8::1', family: 6 }],
  ])('reads %j', (raw, expected) => {
    expect(parseIp(raw)).toEqual(expected);
  });

  it.each(['', 'unknown', '999.1.1.1', '1.2.3', '::ffff:999.1.1.1', '[2001:db8::1]'])('rejects %j', (raw) => {
    expect(parseIp(raw)).toBeNull();
  });
});

describe('isPublicIp', () => {
  it.each(['8.8.8.8', '81.2.69.142', '2a01:4f8::1', '2606:4700:4700::1111'])('%s is public', (ip) => {
    expect(isPublicIp(parseIp(ip)!)).toBe(true);
  });

  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.10.10',
    '100.64.0.1',
    '0.0.0.0',
    '192.0.2.10',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '2001:db8::1',
    'ff02::1',
    '::ffff:10.0.0.1',
  ])('%s is not', (ip) => {
    expect(isPublicIp(parseIp(ip)!)).toBe(false);
  });
});
