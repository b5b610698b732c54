/** How the command-line tools end: exit 0/1 as `main` says, 2 with the usage text on a usage error. */
import { printable } from './printable'

/** Wrong usage of a command: answered with exit code 2 and the usage text. */
export class UsageError extends Error {}

/** Runs `main` with the process arguments and exits with its code (2 for a UsageError, 1 for any other error). */
export function runMain(main: (args: string[]) => Promise<number>, usage: string): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof UsageError ? `error: ${printable(err.message)}\n\n${usage}` : `error: ${printable((err as Error).message)}`)
      process.exit(err instanceof UsageError ? 2 : 1)
    },
  )
}
