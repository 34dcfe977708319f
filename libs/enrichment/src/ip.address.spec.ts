import { describe, expect, it } from '@jest/globals';
import { clientNetwork, isPublicIp, isThisHostIp, parseIp } from './ip.address.js';

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

describe('clientNetwork', () => {
  it.each([
    ['203.0.113.7', 48, '203.0.113.7'],
    ['::ffff:203.0.113.7', 48, '203.0.113.7'],
    // the hex form of an IPv4-mapped address is the same client (clientOf once counted it as IPv6)
    ['::ffff:c633:6404', 48, '198.51.100.4'],
    ['2001:DB8:0001:0002:aaaa::1', 48, '2001:db8:1::/48'],
    ['2001:db8:1:ffff::9', 48, '2001:db8:1::/48'],
    ['2001:db8:1:2:3:4:5:6', 64, '2001:db8:1:2::/64'],
    ['2001:db8:abcd:12ff::1', 56, '2001:db8:abcd:1200::/56'],
    ['2001:db8::1', 48, '2001:db8:0::/48'],
    ['fe80::1%eth0', 64, 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', 128, '64:ff9b:0:0:0:0:c000:221::/128'],
  ])('%s by /%i is %s', (raw, bits, expected) => {
    expect(clientNetwork(raw, bits)).toBe(expected);
  });

  it('is null for what is not an address', () => {
    expect(clientNetwork('unknown', 48)).toBeNull();
  });
});

describe('isThisHostIp', () => {
  it.each(['127.0.0.1', '127.0.0.2', '127.255.0.9', '0.0.0.0', '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:2'])(
    '%s is this machine',
    (ip) => {
      expect(isThisHostIp(parseIp(ip)!)).toBe(true);
    },
  );

  it.each(['8.8.8.8', '10.0.0.1', '::2', '2001:db8::1', '128.0.0.1'])('%s is not', (ip) => {
    expect(isThisHostIp(parseIp(ip)!)).toBe(false);
  });
});
