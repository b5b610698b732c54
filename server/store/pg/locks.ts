/**
 * The advisory locks lotledger takes, as PostgreSQL's two-key form: one class for lotledger
 * ('lotl' read as a number), one object per purpose. Other applications on the same database
 * are unlikely to use this class.
 */
const LOTLEDGER_CLASS = 0x6c6f746c

/** Held (per transaction) while the schema is migrated. */
export const MIGRATION_LOCK = { classId: LOTLEDGER_CLASS, objId: 1 } as const

/** Held (per session) by the server that writes: the writer lease. */
export const WRITER_LOCK = { classId: LOTLEDGER_CLASS, objId: 2 } as const
