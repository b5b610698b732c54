/**
 * Each layering rule fails on a file that breaks it and lets the same file pass with an allowed
 * import. The files are virtual (lintText with a path in the folder under test) and import real
 * files, so the import resolver is exercised too: an import it cannot resolve would otherwise
 * slip past no-restricted-paths. Only the layering rules run here (no type information needed);
 * eslint.config.ts takes them from the same module, which the last test checks.
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { DIALOG_MESSAGE, layers, OFFICE_MESSAGE, ROOT, ZONES } from '../../lint/layers'

const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: layers })

async function lint(file: string, code: string): Promise<Array<{ rule: string | null; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }))
}

/** The zone's reason for importing `from` into `target`. */
function reason(target: string, from: string): string {
  const zone = ZONES.find((z) => z.target === target && z.from === from)
  if (!zone) throw new Error(`no zone keeps ${from} out of ${target}`)
  return zone.message
}

const restricted = (importPath: string, why: string) => ({
  rule: 'import-x/no-restricted-paths',
  message: `Unexpected path "${importPath}" imported in restricted zone. ${why}`,
})

const office = (name: string) => ({ rule: 'no-restricted-globals', message: `Unexpected use of '${name}'. ${OFFICE_MESSAGE}` })
const dialog = (name: string) => ({ rule: 'no-restricted-globals', message: `Unexpected use of '${name}'. ${DIALOG_MESSAGE}` })

describe('layers', () => {
  it('addin/ may not import server/, only shared/', async () => {
    expect(await lint('addin/src/forms/probe.ts', "import { Ledger } from '../../../server/domain/ledger'\nexport type L = Ledger\n"))
      .toEqual([restricted('../../../server/domain/ledger', reason('./addin', './server'))])
    expect(await lint('addin/excel/probe.ts', "export { createApp } from '../../server/http/app'\n"))
      .toEqual([restricted('../../server/http/app', reason('./addin', './server'))])
    expect(await lint('addin/src/forms/probe.ts', "import { addDays } from '../../../shared/dates'\nexport const d = addDays\n")).toEqual([])
  })

  it('shared/ may import neither server/ nor addin/', async () => {
    expect(await lint('shared/probe.ts', "import { readConfig } from '../server/config'\nexport const c = readConfig\n"))
      .toEqual([restricted('../server/config', reason('./shared', './server'))])
    expect(await lint('shared/import/probe.ts', "import { newClientId } from '../../addin/src/ids'\nexport const n = newClientId\n"))
      .toEqual([restricted('../../addin/src/ids', reason('./shared', './addin'))])
    expect(await lint('shared/import/probe.ts', "import { addDays } from '../dates'\nexport const d = addDays\n")).toEqual([])
  })

  it('server/domain/ may not import server/http, store, exports or import', async () => {
    for (const target of ['http/app', 'store/journal', 'exports/catalog', 'import/run']) {
      const layer = target.split('/')[0]
      expect(await lint('server/domain/queries/probe.ts', `import * as m from '../../${target}'\nexport { m }\n`), target)
        .toEqual([restricted(`../../${target}`, reason('./server/domain', `./server/${layer}`))])
    }
    // The rest of the server may: that is the direction calls go.
    expect(await lint('server/http/probe.ts', "import * as m from '../domain/ledger'\nexport { m }\n")).toEqual([])
    expect(await lint('server/domain/queries/probe.ts', "import * as m from '../ledger'\nimport * as d from '../../../shared/dates'\nexport { m, d }\n")).toEqual([])
  })

  it('the pane enters addin/excel/ by its index.ts alone', async () => {
    expect(await lint('addin/src/ui/probe.ts', "import { writeSheet } from '../../excel/write-sheet'\nexport const w = writeSheet\n"))
      .toEqual([restricted('../../excel/write-sheet', reason('./addin/src', './addin/excel'))])
    expect(await lint('addin/src/ui/probe.ts', "import { writeSheet } from '../../excel'\nexport const w = writeSheet\n")).toEqual([])
  })

  it('scripts/ may not import test/', async () => {
    expect(await lint('scripts/probe.ts', "import { tempDirs } from '../test/helpers/temp'\nexport const t = tempDirs\n"))
      .toEqual([restricted('../test/helpers/temp', reason('./scripts', './test'))])
    expect(await lint('scripts/probe.ts', "import { addDays } from '../shared/dates'\nexport const d = addDays\n")).toEqual([])
  })

  it('Office.js globals only in addin/excel/', async () => {
    const code = "export const ready = typeof Office === 'undefined' ? null : Office.onReady()\n" +
      'export const run = (f: (c: Excel.RequestContext) => Promise<void>) => window.Excel.run(f)\n' +
      'export const e = OfficeExtension.Error\nexport const r = OfficeRuntime.storage\n'
    for (const file of ['addin/src/probe.ts', 'shared/probe.ts', 'server/http/probe.ts']) {
      expect(await lint(file, code), file).toEqual([office('Office'), office('Office'), office('Excel'), office('OfficeExtension'), office('OfficeRuntime')])
    }
    expect(await lint('addin/excel/probe.ts', code)).toEqual([])
    // Office's types alone are no use of Office.js.
    expect(await lint('addin/src/probe.ts', 'export type Ctx = Excel.RequestContext\n')).toEqual([])
  })

  it('no alert, confirm or prompt in the add-in, Excel layer included (Office makes them throw)', async () => {
    const code = "export const sure = confirm('Discard?')\nexport const name = window.prompt('Name?')\nexport const tell = () => globalThis.alert('done')\n"
    for (const file of ['addin/src/ui/probe.ts', 'addin/excel/probe.ts']) {
      const found = await lint(file, code)
      expect(found.filter((m) => m.rule === 'no-restricted-globals'), file).toEqual([dialog('confirm'), dialog('prompt'), dialog('alert')])
      expect(found.filter((m) => m.rule === 'no-alert').length, file).toBe(3)
    }
    // The pane keeps the Office rule beside it; elsewhere (the server, tests) dialogs are no concern.
    expect(await lint('addin/src/ui/probe.ts', 'export const e = Excel\n')).toEqual([office('Excel')])
    expect(await lint('server/http/probe.ts', code)).toEqual([])
  })

  it('an import that does not resolve fails instead of escaping the rules', async () => {
    expect(await lint('addin/src/probe.ts', "import { x } from '../../server/domain/no-such-file'\nexport { x }\n")).toEqual([
      { rule: 'import-x/no-unresolved', message: "Unable to resolve path to module '../../server/domain/no-such-file'." },
    ])
  })

  it('the project config applies these same rules', async () => {
    const project = new ESLint({ cwd: ROOT })
    const rules = async (linter: ESLint, file: string) => {
      const config = await linter.calculateConfigForFile(join(ROOT, file))
      if (!config?.rules) throw new Error(`no rules for ${file}`)
      return config.rules
    }
    const ours = await rules(eslint, 'addin/src/probe.ts')
    const theirs = await rules(project, 'addin/src/probe.ts')
    for (const rule of ['import-x/no-restricted-paths', 'import-x/no-unresolved', 'no-restricted-globals']) {
      expect(theirs[rule], rule).toEqual(ours[rule])
    }
    expect(theirs['no-alert']).toEqual(ours['no-alert'])
    // In addin/excel/ only the dialogs are kept out; Office.js is at home there.
    const excel = (await rules(project, 'addin/excel/probe.ts'))['no-restricted-globals']
    expect(excel).toEqual(await rules(eslint, 'addin/excel/probe.ts').then((r) => r['no-restricted-globals']))
    expect(JSON.stringify(excel)).not.toContain('OfficeExtension')
  })
})
