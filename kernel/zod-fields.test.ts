import { describe, expect, it } from 'vitest';
import { describeInput, globalIdSchema, layerIdSchema, MAX_ECHOED_INPUT_CHARS, nulSafeText, regionCodeSchema } from './zod-fields';

describe('describeInput', () => {
  it('quotes strings as JSON, cuts long values and names a missing one', () => {
    expect(describeInput('abc')).toBe('"abc"');
    expect(describeInput(5)).toBe('5');
    expect(describeInput(undefined)).toBe('nothing');
    expect(describeInput(Number.NaN)).toBe('NaN');
    expect(describeInput('x'.repeat(1000))).toBe(`"${'x'.repeat(MAX_ECHOED_INPUT_CHARS - 1)}…`);
  });

  it('never walks objects or arrays: a deeply shared input costs nothing to describe', () => {
    // 40 levels of a node whose two children are the same object: 2^40 paths if it were stringified.
    let shared: Record<string, unknown> = { leaf: 1 };
    for (let level = 0; level < 40; level++) shared = { a: shared, b: shared };
    const started = performance.now();
    expect(describeInput(shared)).toBe('an object');
    expect(describeInput([shared, shared])).toBe('an array');
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('shared zod fields', () => {
  it('refuse NUL, over-long text and wrong codes with a message naming the rule', () => {
    expect(nulSafeText(5).safeParse('ab\u0000').error?.issues[0].message).toBe('must not contain NUL (U+0000)');
    expect(nulSafeText(5).safeParse('abcdef').error?.issues[0].message).toBe('must be at most 5 characters, got 6');
    expect(nulSafeText(5, 1).safeParse('').error?.issues[0].message).toBe('must not be empty');
    expect(regionCodeSchema.safeParse('360100').success).toBe(true);
    expect(regionCodeSchema.safeParse('110000').error?.issues[0].message).toBe('must be a 6-digit Jiangxi region code (36xxxx), got "110000"');
    expect(globalIdSchema.safeParse('0uGnO5d$L7lQ3QfbUGYWb9').success).toBe(true);
    expect(globalIdSchema.safeParse('4uGnO5d$L7lQ3QfbUGYWb9').success).toBe(false);
    expect(layerIdSchema.safeParse('regions-city').success).toBe(true);
    expect(layerIdSchema.safeParse('../etc').success).toBe(false);
  });
});
