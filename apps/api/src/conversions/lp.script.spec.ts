import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { servedScript } from './lp.script.js';

const CLICK_ID = '019ad5b3-7c1e-7f20-9a4b-5c6d7e8f9a0b';

interface Sent {
  url: string;
  init: { method: string; headers: Record<string, string>; body: string; credentials: string; keepalive: boolean };
}

/** Runs the served script the way a page would, on `landing`, with a fake fetch that answers `status`. */
function runOnPage(landing: string, cookie = '', status = 202) {
  const sent: Sent[] = [];
  const url = new URL(landing);
  const document = {
    cookie,
    currentScript: {
      src: 'https://lp.example.com/lp.js',
      getAttribute: (name: string) => (name === 'data-key' ? 'pk_test' : null),
    },
  };
  const window: Record<string, unknown> = {
    location: { search: url.search, protocol: url.protocol },
    fetch: (target: string, init: Sent['init']) => {
      sent.push({ url: target, init });
      return Promise.resolve({ ok: status < 300, status, json: () => Promise.resolve({ id: 'c1', message: 'refused' }) });
    },
  };
  runInNewContext(servedScript(90).body, { window, document, URL, URLSearchParams, JSON, Object, Promise, Error });
  return { sent, document, linkpulse: window.linkpulse as Record<string, (data?: object) => Promise<unknown>> };
}

describe('/lp.js', () => {
  it('is at most 2 kB gzipped and uses neither eval nor Function', () => {
    const { body } = servedScript(90);
    expect(gzipSync(body).length).toBeLessThanOrEqual(2048);
    expect(body).not.toMatch(/\beval\(|new Function|\brequire\(|\bimport\b/);
  });

  it('keeps lp_cid from the landing URL in a first-party cookie for the attribution window', () => {
    const { document, linkpulse } = runOnPage(`https://shop.example.com/spring?lp_cid=${CLICK_ID}`);
    expect(document.cookie).toBe(`lp_cid=${CLICK_ID}; Max-Age=7776000; Path=/; SameSite=Lax; Secure`);
    expect(linkpulse.clickId()).toBe(CLICK_ID);
  });

  it('sends a lead with the click id from the cookie, the publishable key, and no credentials', async () => {
    const { sent, linkpulse } = runOnPage('http://shop.example.com/thanks', `theme=dark; lp_cid=${CLICK_ID}`);
    expect(linkpulse.clickId()).toBe(CLICK_ID);
    await linkpulse.lead({ customerId: 'cus_1' });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('https://lp.example.com/api/v1/track/lead');
    expect(sent[0].init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: true });
    expect(sent[0].init.headers.authorization).toBe('Bearer pk_test');
    expect(JSON.parse(sent[0].init.body)).toEqual({ clickId: CLICK_ID, customerId: 'cus_1' });
  });

  it('ignores a malformed lp_cid and sends conversions without a click id', async () => {
    const { sent, document, linkpulse } = runOnPage('https://shop.example.com/?lp_cid=%3Cscript%3E');
    expect(document.cookie).toBe('');
    await linkpulse.sale({ customerId: 'cus_1', amount: 4900, currency: 'EUR' });
    expect(sent[0].url).toBe('https://lp.example.com/api/v1/track/sale');
    expect(JSON.parse(sent[0].init.body)).toEqual({ customerId: 'cus_1', amount: 4900, currency: 'EUR' });
  });

  it('rejects with the API message when the conversion is refused', async () => {
    const { linkpulse } = runOnPage('https://shop.example.com/', '', 400);
    await expect(linkpulse.lead({})).rejects.toThrow('linkpulse: refused');
  });
});
