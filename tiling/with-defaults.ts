/**
 * Merges an options object over its exported defaults so that an `undefined` value never overrides a default.
 * @returns a new object: every key of `defaults`, overridden by each defined value of `options`
 * @see the house style: one options object with exported defaults, `undefined` never overrides a default
 */
export function withDefaults<D extends object, O extends object>(defaults: D, options: O): D & O {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined } as D & O;
}
