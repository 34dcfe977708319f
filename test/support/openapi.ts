/** The operations of the running API's OpenAPI document, for tests that must cover every route. */
export interface Operation {
  method: string;
  /** as documented, e.g. /api/v1/links/{id} */
  path: string;
  /** `METHOD path`, the key of a test's table of cases */
  key: string;
  parameters: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema }[];
  /** the JSON request body's schema, resolved */
  body: Schema | null;
  /** cookie or bearer authentication documented */
  authenticated: boolean;
}

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  $ref?: string;
  allOf?: Schema[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

export async function documentedOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/api/docs/openapi.json`);
  if (response.status !== 200) throw new Error(`no OpenAPI document: ${response.status}`);
  const document = (await response.json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Operation['parameters'];
          requestBody?: { content: Record<string, { schema: Schema }> };
          security?: unknown[];
        }
      >
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined, depth = 0): Schema | null => {
    if (!schema || depth > 8) return null;
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!], depth + 1);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => resolve(part, depth + 1)));
    const resolved: Schema = { ...schema };
    if (schema.items) resolved.items = resolve(schema.items, depth + 1) ?? undefined;
    if (schema.properties) {
      resolved.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([name, property]) => [name, resolve(property, depth + 1) ?? {}]),
      );
    }
    return resolved;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        parameters: operation.parameters ?? [],
        body: resolve(operation.requestBody?.content['application/json']?.schema),
        authenticated: (operation.security ?? []).length > 0,
      });
    }
  }
  return operations;
}

/** A Server-Sent Events stream read in the background: what arrived so far, and a way to close it. */
export class EventStreamReader {
  text = '';
  status = 0;
  private readonly controller = new AbortController();
  private reading: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string>): Promise<EventStreamReader> {
    const reader = new EventStreamReader();
    const response = await fetch(url, { headers, signal: reader.controller.signal });
    reader.status = response.status;
    if (!response.body) return reader;
    const body = response.body.getReader();
    const decoder = new TextDecoder();
    reader.reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await body.read();
          if (done) return;
          reader.text += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
    return reader;
  }

  /** The JSON of every `data:` line so far. */
  events<T = unknown>(): T[] {
    return this.text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as T);
  }

  /** Resolves when the server has ended the stream. */
  finished(): Promise<void> {
    return this.reading;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.reading;
  }
}
