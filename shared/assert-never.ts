/**
 * Ends a `switch` over a union: the call compiles only when every variant was handled before it,
 * so a new variant fails the build where it is not handled yet. Reached at run time only with a
 * value the types did not foresee (data from an older or newer writer), which it names.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`)
}
