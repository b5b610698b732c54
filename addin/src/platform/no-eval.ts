/**
 * zod compiles fast object parsers with `new Function` where eval is allowed, and probes for it
 * with `Function('')` on the first parse. The pane's Content-Security-Policy forbids eval, so
 * that probe would be reported as a violation: parse without compiling. Imported first.
 */
import { z } from 'zod'

z.config({ jitless: true })
