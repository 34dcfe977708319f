/** A small HTTP client for tests: JSON in and out, one creator's session cookie, no redirects followed. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ApiClient {
  private cookie = '';
  private bearer = '';

  constructor(readonly baseUrl: string) {}

  withToken(token: string): ApiClient {
    const client = new ApiClient(this.baseUrl);
    client.bearer = token;
    return client;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie, 'x-requested-with': 'linkpulse' } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    const session = setCookie?.match(/lp_session=([^;]*)/);
    if (session) this.cookie = session[1] ? `lp_session=${session[1]}` : '';
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body: unknown): Promise<Reply<T>> {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body: unknown): Promise<Reply<T>> {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request<T>('DELETE', path, body);
  }
}

let counter = 0;

/** Signs up a new creator with unique credentials and returns a client holding their session. */
export async function newCreator(
  baseUrl: string,
  overrides: { timezone?: string } = {},
): Promise<{ client: ApiClient; id: string; username: string; email: string; password: string }> {
  const client = new ApiClient(baseUrl);
  const username = `creator_${process.pid}_${Date.now() % 100000}_${counter++}`.slice(0, 30);
  const email = `${username}@example.com`;
  const password = 'correct horse battery';
  const reply = await client.post('/api/v1/auth/signup', { email, password, username, ...overrides });
  if (reply.status !== 201) throw new Error(`signup failed: ${reply.status} ${reply.text}`);
  return { client, id: reply.body.creator.id, username, email, password };
}
