import { createHash } from 'node:crypto';

/** What the script uses of the page's `window` and `document` (the API compiles without the DOM's types). */
export interface ScriptWindow {
  location: { search: string; protocol: string };
  fetch: typeof fetch;
  linkpulse?: unknown;
}

export interface ScriptDocument {
  currentScript: { src: string; getAttribute(name: string): string | null } | null;
  cookie: string;
}

type Conversion = Record<string, unknown>;

/**
 * The body of `/lp.js`, run on the creator's own site. It is served as its source text
 * (`Function.prototype.toString`), so it uses nothing from this module: only its arguments and
 * the browser's globals. No eval, no inline code, no dependencies: a page whose CSP allows this
 * script's origin (script-src and connect-src) runs it as it is.
 */
export function linkpulseScript(win: ScriptWindow, doc: ScriptDocument, attributionDays: number): void {
  const script = doc.currentScript;
  if (!script) return;
  const key = script.getAttribute('data-key') || '';
  const api = script.getAttribute('data-api') || new URL(script.src).origin;
  const clickIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
  const landed = new URLSearchParams(win.location.search).get('lp_cid');
  if (landed && clickIdPattern.test(landed)) {
    const secure = win.location.protocol === 'https:' ? '; Secure' : '';
    doc.cookie = `lp_cid=${landed}; Max-Age=${attributionDays * 86400}; Path=/; SameSite=Lax${secure}`;
  }
  const clickId = (): string | null => {
    const found = /(?:^|;\s*)lp_cid=([^;]+)/.exec(doc.cookie);
    return found && clickIdPattern.test(found[1]) ? found[1] : null;
  };
  const send = (kind: string, conversion: Conversion): Promise<unknown> => {
    const id = clickId();
    return win
      .fetch(`${api}/api/v1/track/${kind}`, {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit',
        keepalive: true,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(Object.assign(id ? { clickId: id } : {}, conversion)),
      })
      .then((response) =>
        response.json().then((body) => {
          const refusal = body as { message?: string };
          if (!response.ok) throw new Error(`linkpulse: ${refusal.message ?? response.status}`);
          return body;
        }),
      );
  };
  win.linkpulse = {
    clickId,
    lead: (conversion: Conversion) => send('lead', conversion),
    sale: (conversion: Conversion) => send('sale', conversion),
  };
}

export interface ServedScript {
  body: string;
  etag: string;
}

/** `/lp.js` as served: the function above, called with the page's window and document. */
export function servedScript(attributionDays: number): ServedScript {
  const body = `/* Linkpulse conversions: https://github.com/linkpulse */\n(${linkpulseScript.toString()})(window, document, ${attributionDays});\n`;
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}
