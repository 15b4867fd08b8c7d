import { InputError } from '@kernel/errors';
import { MAX_BODY_BYTES } from './request-limits';

/**
 * Checks the raw input of a tRPC request before superjson turns it into values. trpc-http-handler.ts calls it
 * while building the context, which tRPC does before it reads any input; a refusal is a 400 naming the problem.
 *
 * Notes: superjson's `meta.referentialEqualities` turns several paths of the input into one shared object, so
 * 2.7 KB of text can describe a value whose tree doubles per level: anything that walks or stringifies it (an
 * error message did) blocked the event loop for ≈ 6 s at 24 levels, doubling per level (review 2026-12). Our
 * client never sends shared objects, so the metadata is refused outright rather than bounded. `meta.values` may
 * only mark the value types the client uses: a malformed or unknown annotation (`["class", …]`) made superjson
 * recurse until the stack overflowed, as did an input nested 10 000 levels deep. JSON text itself is bounded
 * (a body by `MAX_BODY_BYTES.trpc`, a query `input` by the same number of characters) and parsed by V8's
 * iterative `JSON.parse`; everything here walks iteratively.
 * @see https://github.com/flightcontrolhq/superjson (`meta.values`, `meta.referentialEqualities`, `meta.v`)
 */

/** Deepest nesting of arrays and objects in a request's input, superjson envelope included (our inputs use ≤ 8). */
export const MAX_INPUT_DEPTH = 20;

/** superjson value types an input may carry (`meta.values`): what the app's inputs use. */
export const ACCEPTED_VALUE_TYPES: readonly string[] = ['Date', 'undefined', 'number'];

/** Keys a superjson `meta` object may have: value types and the path format version. */
const ACCEPTED_META_KEYS = new Set(['values', 'v']);

const REFUSED_SHARING = 'Invalid input: superjson meta.referentialEqualities (shared objects) is not accepted; send each value in full';
const REFUSED_VALUE_TYPES = `Invalid input: superjson meta.values may only mark ${ACCEPTED_VALUE_TYPES.slice(0, -1).join(', ')} and ${ACCEPTED_VALUE_TYPES.at(-1)} values`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @throws {InputError} when arrays and objects in `value` nest deeper than {@link MAX_INPUT_DEPTH} */
function assertShallow(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_INPUT_DEPTH) throw new InputError(`Invalid input: nested more than ${MAX_INPUT_DEPTH} levels deep`);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

/**
 * A superjson `meta.values` tree: a leaf `[type]` or `[type, children]`, or an object of children.
 * @throws {InputError} for any other shape or a type outside {@link ACCEPTED_VALUE_TYPES}
 */
function assertValueAnnotations(tree: unknown): void {
  const stack: unknown[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      const [type, children, ...rest] = node as unknown[];
      if (typeof type !== 'string' || !ACCEPTED_VALUE_TYPES.includes(type) || rest.length > 0) throw new InputError(REFUSED_VALUE_TYPES);
      if (node.length === 1) continue;
      if (!isPlainObject(children)) throw new InputError(REFUSED_VALUE_TYPES);
      stack.push(...Object.values(children));
    } else if (isPlainObject(node)) {
      stack.push(...Object.values(node));
    } else {
      throw new InputError(REFUSED_VALUE_TYPES);
    }
  }
}

/** @throws {InputError} when one call's superjson envelope `{ json, meta }` carries metadata we do not accept */
function assertEnvelope(envelope: unknown): void {
  if (!isPlainObject(envelope) || !Object.hasOwn(envelope, 'meta')) return;
  const { meta } = envelope;
  if (!isPlainObject(meta)) throw new InputError('Invalid input: superjson meta must be an object');
  if (Object.hasOwn(meta, 'referentialEqualities')) throw new InputError(REFUSED_SHARING);
  const unknownKey = Object.keys(meta).find((key) => !ACCEPTED_META_KEYS.has(key));
  if (unknownKey !== undefined) throw new InputError(`Invalid input: superjson meta.${unknownKey.slice(0, 40)} is not accepted`);
  if (meta.v !== undefined && typeof meta.v !== 'number') throw new InputError('Invalid input: superjson meta.v must be a number');
  if (meta.values !== undefined) assertValueAnnotations(meta.values);
}

/**
 * Checks a tRPC request's raw input: the query `input` of a GET, the body of a POST; for `?batch=1` every call's
 * envelope. Nothing is deserialised here.
 * @param req the request (URL and method)
 * @param body the body bytes already read (POST; ignored for GET)
 * @throws {InputError} when the input is not JSON, is longer than `MAX_BODY_BYTES.trpc` characters (GET), nests
 *   deeper than {@link MAX_INPUT_DEPTH}, or carries superjson metadata other than accepted `meta.values` and `meta.v`
 */
export function checkTrpcInput(req: Request, body: Uint8Array): void {
  const url = new URL(req.url);
  const text = req.method === 'GET' ? url.searchParams.get('input') : new TextDecoder().decode(body);
  if (text === null || (req.method === 'GET' && text === '')) return;
  if (text.length > MAX_BODY_BYTES.trpc) throw new InputError(`Invalid input: ${text.length} characters exceed the limit of ${MAX_BODY_BYTES.trpc}`);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (cause) {
    throw new InputError(`Invalid input: the ${req.method === 'GET' ? 'input parameter' : 'request body'} is not valid JSON`, { cause });
  }
  if (url.searchParams.get('batch') !== '1') {
    assertEnvelope(input);
  } else {
    if (!isPlainObject(input)) throw new InputError('Invalid input: a batch input must be an object of calls');
    for (const envelope of Object.values(input)) assertEnvelope(envelope);
  }
  assertShallow(input);
}
