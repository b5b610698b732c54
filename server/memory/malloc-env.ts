/**
 * The C allocator's settings for the server process. glibc's malloc, which holds the server's
 * typed arrays and buffers, raises its threshold for giving a large block a mapping of its own to
 * the size of the largest such block freed (up to 32 MiB). Once a start has freed its read buffers
 * and a snapshot its copies, blocks up to that size come from malloc's heap, which keeps what is
 * freed: at 10M moves, 160 MB more RSS after a start and 200 MB more after a snapshot. A fixed
 * threshold gives every block over 128 KiB a mapping that goes back to the system when freed.
 * Other C libraries ignore the variable.
 */

/** Blocks at least this large get a mapping of their own (glibc's default before it moves). */
export const MMAP_THRESHOLD_BYTES = 128 * 1024

/** The environment for the server's process: `env`, with the fixed threshold unless the operator set one. */
export function withMallocSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.MALLOC_MMAP_THRESHOLD_ !== undefined) return env
  return { ...env, MALLOC_MMAP_THRESHOLD_: String(MMAP_THRESHOLD_BYTES) }
}
