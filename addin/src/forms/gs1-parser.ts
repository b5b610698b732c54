/**
 * The shared GS1 parser, loaded the first time a Scan field takes focus: most sessions never
 * scan, so the pane's first load does not carry GS1's table of AIs.
 */
import type { Gs1Result } from '../../../shared/gs1/scan'

/** Reads a scan: `today` anchors GS1's century window (YYMMDD years), in the workspace's zone. */
export type Gs1Reader = (data: string, today: string) => Gs1Result

let loading: Promise<Gs1Reader> | null = null

/** The parser, loading it once. */
export function gs1Reader(): Promise<Gs1Reader> {
  loading ??= import('../../../shared/gs1/scan').then((m) => (data: string, today: string) => m.parseGs1(data, { today }))
  return loading
}
