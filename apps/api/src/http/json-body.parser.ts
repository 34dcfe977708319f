import type { FastifyInstance } from 'fastify';

/** Deeper than any request of the API needs (a profile's links are 3 levels deep). */
export const MAX_JSON_DEPTH = 32;

/** `String.prototype.isWellFormed` (Node 20), not yet in TypeScript's library for this target. */
type WellFormed = string & { isWellFormed(): boolean };

/** Names no field of the API has, that reach for a prototype: the validation pipe lets `constructor` through. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What is wrong with a parsed JSON body, or null: not an object (every body of the API is one;
 * `null` would skip validation altogether), nesting deeper than `maxDepth` (`{}` is 1), a field
 * named like a prototype property, a string holding U+0000 (PostgreSQL text cannot store it), or a
 * lone surrogate (the email validator throws on it).
 * Walked without recursion, so no body can overflow the stack here.
 */
export function jsonBodyProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'The body must be a JSON object';
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return 'Text must not contain the NUL character (\\u0000)';
      if (!(node as WellFormed).isWellFormed())
        return 'Text must be valid Unicode: a surrogate escape (\\ud800 to \\udfff) must come in a pair';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return `Body nests deeper than ${maxDepth} levels`;
    for (const [key, child] of Object.entries(node)) {
      if (PROTOTYPE_KEYS.has(key)) return `A field may not be named ${key}`;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Request bodies are JSON and nothing else: Fastify's own JSON parser (prototype poisoning
 * refused), plus a cap on nesting, since a 64 kB body of `[[[[…]]]]` would otherwise overflow the
 * stack of the validation pipe (a 500), and no NUL in any string (PostgreSQL refuses it: a 500). Any other content type is a 415, so a cross-site HTML form
 * (urlencoded, multipart, text/plain) can post nothing here, not even to the sign-in route.
 * Nest's own body parsers are off (`bodyParser: false` in api-app.factory.ts).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body.toString(), (error, value) => {
      if (error) return done(error, undefined);
      const problem = jsonBodyProblem(value);
      if (problem) return done(new BodyError(400, problem), undefined);
      done(null, value);
    });
  });
}
