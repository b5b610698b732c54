/**
 * What went into a vite build, so that "is the build older than its sources?" has an exact
 * answer: a plugin records every source module the build loaded (the pane's own code, shared/,
 * anything else it imports, its HTML and CSS) with the time the build started, and
 * buildStaleness compares them, the config files and the public folder against that time.
 * Dependencies under node_modules are not listed: the lockfile stands for them.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'

/** The record a build leaves: when it started, and its source files relative to the root. */
export interface BuildSources {
  startedAt: number
  files: string[]
}

/** A vite plugin writing the build's sources to `file` (keep it out of the served output folder). */
export function recordBuildSources(options: { root: string; file: string }): Plugin {
  let startedAt = 0
  let files: string[] = []
  return {
    name: 'record-build-sources',
    apply: 'build',
    buildStart() {
      startedAt = Date.now()
    },
    generateBundle() {
      files = sourceFiles(options.root, [...this.getModuleIds()])
    },
    closeBundle() {
      mkdirSync(dirname(options.file), { recursive: true })
      const record: BuildSources = { startedAt, files }
      writeFileSync(options.file, `${JSON.stringify(record, null, 1)}\n`)
    },
  }
}

/** The module ids that are files of ours under `root`, relative, sorted, once each. */
export function sourceFiles(root: string, ids: readonly string[]): string[] {
  const out = new Set<string>()
  for (const id of ids) {
    // Virtual modules start with NUL; queries (`?inline`, `?commonjs-proxy`) name the same file.
    const path = id.split('?')[0]
    if (id.startsWith('\0') || !isAbsolute(path)) continue
    const rel = relative(root, path)
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('node_modules')) continue
    out.add(rel.split(sep).join('/'))
  }
  return [...out].sort()
}

/** What besides the recorded modules changes a build: config, dependencies, copied files. */
export interface BuildInputs {
  root: string
  /** The record the plugin wrote. */
  record: string
  /** A file the build writes, whose absence means "not built". */
  output: string
  /** Files or folders (walked) relative to `root`: config, package.json, lockfile, public folder. */
  watched: readonly string[]
  /** Modification time of a path, null when it does not exist (tests make one up). */
  mtime?: (path: string) => number | null
}

const statMtime = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null

/** Why the build must be made again, or null when it is up to date. */
export function buildStaleness(inputs: BuildInputs): string | null {
  const mtime = inputs.mtime ?? statMtime
  const shown = (path: string) => relative(inputs.root, path).split(sep).join('/')
  if (mtime(inputs.output) === null) return `${shown(inputs.output)} is not built`
  let record: BuildSources
  try {
    record = JSON.parse(readFileSync(inputs.record, 'utf8')) as BuildSources
  } catch {
    return `the build left no readable list of its sources (${shown(inputs.record)})`
  }
  const paths = [...record.files.map((f) => join(inputs.root, f)), ...inputs.watched.flatMap((w) => walk(join(inputs.root, w)))]
  for (const path of paths) {
    const time = mtime(path)
    if (time === null) return `${shown(path)}, which the build read, is gone`
    if (time > record.startedAt) return `${shown(path)} changed since the build`
  }
  return null
}

/** `path` and, when it is a folder, everything inside it (a folder's own time shows removals). */
function walk(path: string): string[] {
  let entries
  try {
    entries = readdirSync(path, { withFileTypes: true, recursive: true })
  } catch {
    return [path]
  }
  return [path, ...entries.map((e) => join(e.parentPath, e.name))]
}
