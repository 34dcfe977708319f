import type { FastifyInstance } from 'fastify';
import { FORBIDDEN_CHARACTER } from '@app/common';

/** Deeper than any request of the API needs (a profile's links are 3 levels deep). */
export const MAX_JSON_DEPTH = 32;

/** `String.prototype.isWellFormed` (Node 20), not yet in TypeScript's library for this target. */
type WellFormed = string & { isWellFormed(): boolean };

/** Names no field of the API has, that reach for a prototype: the validation pipe lets `constructor` through. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const codePoint = (character: string): string => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** `links[2].title` style names for the field a problem was found in. */
function fieldName(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** What is wrong with one string of a body, or null. */
function textProblem(field: string, text: string): string | null {
  if (text.includes('\u0000')) return `${field}: text must not contain the NUL character (\\u0000)`;
  if (!(text as WellFormed).isWellFormed())
    return `${field}: text must be valid Unicode: a surrogate escape (\\ud800 to \\udfff) must come in a pair`;
  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  if (forbidden)
    return `${field} must not contain control or bidirectional-override characters (${codePoint(forbidden[0])} at position ${forbidden.index})`;
  return null;
}

/**
 * What is wrong with a parsed JSON body, or null: not an object (every body of the API is one;
 * `null` would skip validation altogether), nesting deeper than `maxDepth` (`{}` is 1), a field
 * named like a prototype property, or a string the API does not accept (`textProblem`): U+0000
 * (PostgreSQL text cannot store it), a lone surrogate (the email validator throws on it), control
 * and bidirectional-override characters. The message names the field.
 * Walked without recursion, so no body can overflow the stack here.
 */
export function jsonBodyProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'The body must be a JSON object';
  const stack: [unknown, number, string][] = [[value, 1, '']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(path, node);
      if (problem) return problem;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return `Body nests deeper than ${maxDepth} levels`;
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((child, i) => [i, child]) : Object.entries(node);
    for (const [key, child] of entries) {
      if (typeof key === 'string') {
        if (PROTOTYPE_KEYS.has(key)) return `A field may not be named ${key}`;
        const problem = textProblem(fieldName(path, '(a field name)'), key);
        if (problem) return problem;
      }
      stack.push([child, depth + 1, fieldName(path, key)]);
    }
  }
  return null;
}

/** Bytes that are not UTF-8 are refused, not replaced with U+FFFD behind the sender's back. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

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
 * refused), bytes that are UTF-8, a cap on nesting (a 64 kB body of `[[[[…]]]]` would otherwise
 * overflow the stack of the validation pipe: a 500) and no text the API refuses (`jsonBodyProblem`).
 * Any other content type is a 415, so a cross-site HTML form (urlencoded, multipart, text/plain)
 * can post nothing here, not even to the sign-in route.
 * Nest's own body parsers are off (`bodyParser: false` in api-app.factory.ts).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      return done(new BodyError(400, 'The body must be valid UTF-8'), undefined);
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const problem = jsonBodyProblem(value);
      if (problem) return done(new BodyError(400, problem), undefined);
      done(null, value);
    });
  });
}
