/**
 * Consistent backups of a live data directory. The journal only ever grows, so its first N
 * durable bytes are the whole ledger as of record N: copying that prefix needs no pause.
 */
import { mkdir, open, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { syncDirectory } from '../store/durable-fs'
import { FileJournal } from '../store/file-journal'
import type { LedgerStore } from '../store/ledger-store'

export interface BackupInfo {
  dir: string
  records: number
  bytes: number
  createdAt: string
}

/** Copies the durable journal of `store` into the new or empty directory `dest`. */
export async function backupTo(store: LedgerStore, dest: string): Promise<BackupInfo> {
  const journal = store.journal
  if (!(journal instanceof FileJournal)) throw new Error('only the embedded file store can be backed up')
  await mkdir(dest, { recursive: true })
  if ((await readdir(dest)).length > 0) throw new Error(`backup directory ${dest} is not empty`)
  await store.persist()
  const records = journal.durableSeq
  const bytes = journal.size
  const source = await open(journal.path, 'r')
  const target = await open(join(dest, 'journal.ndjson'), 'wx')
  try {
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024)
    for (let pos = 0; pos < bytes; ) {
      const { bytesRead } = await source.read(buf, 0, Math.min(buf.length, bytes - pos), pos)
      if (bytesRead === 0) throw new Error('journal shorter than expected')
      await target.write(buf, 0, bytesRead)
      pos += bytesRead
    }
    await target.sync()
  } finally {
    await source.close()
    await target.close()
  }
  const info: BackupInfo = { dir: dest, records, bytes, createdAt: new Date().toISOString() }
  await writeFile(join(dest, 'BACKUP.json'), JSON.stringify(info, null, 2) + '\n', { flush: true })
  await syncDirectory(dest)
  return info
}
