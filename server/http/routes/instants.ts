import { startOfDayInZone } from '../../../shared/dates'
import type { WorkspaceState } from '../../domain/state'

/** A query's date or date-time as an ISO instant; a plain date starts at midnight in the workspace zone. */
export function toInstant(value: string | undefined, ws: WorkspaceState): string | undefined {
  if (value === undefined) return undefined
  return (value.length === 10 ? startOfDayInZone(value, ws.settings.timeZone) : new Date(value)).toISOString()
}
