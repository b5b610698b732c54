/** In tests: the built task pane, or a failure saying why the global setup could not build it. */
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the global setup could not build the task pane; null when it is built. */
    addinBuildError: string | null
    /** A private copy of `dist/addin` made by the global setup (null when the build failed). */
    addinDir: string | null
  }
}

/**
 * This run's copy of the built pane (serve it with `createApp(store, { addinDir })`); throws,
 * failing the calling test or hook, when the build failed.
 */
export function requireBuiltAddin(): string {
  const error = inject('addinBuildError')
  const dir = inject('addinDir')
  if (error || !dir) throw new Error(`the task pane could not be built, so it cannot be served: ${error ?? 'no build'}`)
  return dir
}
