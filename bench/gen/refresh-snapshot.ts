/**
 * A cached ledger whose snapshots an older snapshot format wrote: the journal is still good (its
 * format never changes), so rather than generate it again (37 minutes at 10M moves), the server
 * replays it whole and writes a snapshot in today's format on its stop. That snapshot becomes the
 * generated one; the crash case's, now stale, is dropped to be built again.
 * `node --import tsx bench/gen/refresh-snapshot.ts --dir <ledger dir>`.
 */
import { copyFile, rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { SNAPSHOT_VERSION } from '../../server/domain/snapshot'
import { LedgerStore } from '../../server/store/ledger-store'
import { GENERATED_SNAPSHOT, readMeta, restoreJournal, SNAPSHOT_FILE, snapshotHead, syncFile, writeMeta, type BenchMeta } from '../lib/meta'
import { TRAILING_SNAPSHOT } from './trailing-snapshot'

/** Rewrites the ledger's snapshots in today's format; returns its updated description. */
export async function refreshSnapshot(dir: string): Promise<BenchMeta & { refreshSeconds: number }> {
  const meta = await readMeta(dir)
  if (!meta) throw new Error(`${dir} holds no generated ledger`)
  const started = performance.now()
  await restoreJournal(dir, meta)
  await rm(join(dir, SNAPSHOT_FILE), { force: true })
  await rm(join(dir, TRAILING_SNAPSHOT), { force: true })
  const notices: string[] = []
  const store = await LedgerStore.openDirectory(dir, { log: (m) => notices.push(m) })
  const seq = store.journal.durableSeq
  await store.close()
  if (notices.length > 0 || seq !== meta.records) throw new Error(`replaying the journal went wrong (record ${seq} of ${meta.records}): ${notices.join('; ')}`)
  const head = await snapshotHead(join(dir, SNAPSHOT_FILE))
  if (head?.seq !== meta.records) throw new Error(`the new snapshot covers ${JSON.stringify(head)}, not record ${meta.records}`)
  await copyFile(join(dir, SNAPSHOT_FILE), join(dir, `${GENERATED_SNAPSHOT}.part`))
  await syncFile(join(dir, `${GENERATED_SNAPSHOT}.part`))
  await rename(join(dir, `${GENERATED_SNAPSHOT}.part`), join(dir, GENERATED_SNAPSHOT))
  const updated: BenchMeta = { ...meta, snapshotVersion: SNAPSHOT_VERSION, snapshotBytes: (await stat(join(dir, GENERATED_SNAPSHOT))).size }
  await writeMeta(dir, updated)
  return { ...updated, refreshSeconds: (performance.now() - started) / 1000 }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } })
  if (!values.dir) {
    console.error('usage: node --import tsx bench/gen/refresh-snapshot.ts --dir <ledger dir>')
    process.exit(2)
  }
  console.log(JSON.stringify(await refreshSnapshot(resolve(values.dir))))
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
