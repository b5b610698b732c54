/**
 * zod as the pane has it: every `import … from 'zod'` in the pane's build resolves here
 * (scripts/lib/zod-jitless.ts), so this runs before any schema is built, wherever the first one is.
 *
 * zod compiles fast object parsers with `new Function` where eval is allowed, and probes for it
 * with `Function('')` when an object schema is built. The pane's Content-Security-Policy forbids
 * eval, so that probe would be reported as a violation: build and parse without compiling.
 */
import { z } from 'zod'

z.config({ jitless: true })

export * from 'zod'
