/** The pane's HTTP client: JSON to `/api/v1` with the user's token, errors as `ApiError` / `NetworkError`. */
import { ImportAnswer } from '../../../shared/import/report'
import type { ChangesAnswer } from '../../../shared/schemas/changes'
import { ApiError, apiErrorOf, NetworkError } from './errors'
import type {
  FefoData, ImportReport, LocationListData, Lot, LotBatchData, LotInput, LotPageData, MeAnswer, MovePageData, OperationBody, OperationResult,
  ProductListData, RecallData, Settings, SheetRows, StockData, TraceData,
} from './types'

const TIMEOUT_MS = 20_000

type Query = Record<string, string | number | boolean | undefined | null>

function queryString(q: Query = {}): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}

export class ApiClient {
  readonly baseUrl: string
  readonly #token: string

  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.#token = token
  }

  /** One request; resolves with the JSON body, rejects with ApiError or NetworkError. */
  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<{ status: number; body: T }> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
    let res: Response
    try {
      res = await fetch(`${this.baseUrl}/api/v1${path}${queryString(query)}`, {
        method,
        headers: { authorization: `Bearer ${this.#token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      })
    } catch (err) {
      throw new NetworkError(controller.signal.aborted ? 'the server did not answer in time' : `cannot reach the server (${(err as Error).message})`)
    } finally {
      clearTimeout(timer)
    }
    const text = await res.text().catch(() => '')
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      // A proxy or a server fault can answer with HTML; handled below as an error without code.
    }
    if (!res.ok) throw apiErrorOf(res.status, json)
    return { status: res.status, body: json as T }
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', path, undefined, query)).body
  }

  me = () => this.get<MeAnswer>('/me')
  settings = () => this.get<Settings>('/settings')
  products = async () => (await this.get<ProductListData>('/products')).products
  locations = async () => (await this.get<LocationListData>('/locations')).locations
  stock = async (q: Query) => (await this.get<StockData>('/stock', q)).quants
  fefo = (product: string, qty?: number, location?: string) => this.get<FefoData>('/stock/fefo', { product, qty, location })
  trace = (product: string, lot: string, direction: string) => this.get<TraceData>('/trace', { product, lot, direction })
  recall = (product: string, lot: string) => this.get<RecallData>('/recall', { product, lot })
  lot = (product: string, name: string) => this.get<Lot>(`/lots/${encodeURIComponent(product)}/${encodeURIComponent(name)}`)
  lotsPage = (q: Query) => this.get<LotPageData>('/lots', q)
  movesPage = (q: Query) => this.get<MovePageData>('/moves', q)
  changes = (since: number, limit = 1000, types?: string) =>
    this.get<ChangesAnswer>('/changes', { since, limit, types })

  /** Records an operation; 201 new, 200 a replay of the same id (applied once). */
  recordOperation = (body: OperationBody) => this.request<OperationResult>('POST', '/operations', body)
  /**
   * Imports a sheet's rows as `kind` (all or none; `dryRun` checks only). Answers the report,
   * also when the server refused the import for its problems.
   */
  importRows = async (kind: string, dryRun: boolean, sheet: SheetRows): Promise<ImportReport> => {
    try {
      return (await this.request<{ report: ImportReport }>('POST', '/imports', sheet, { kind, dryRun })).body.report
    } catch (err) {
      const report = err instanceof ApiError ? reportOf(err.body) : null
      if (report) return report
      throw err
    }
  }

  /** Uploads a file to import (the pane outside Excel); `format=xlsx` answers the annotated copy. */
  importFile = async (kind: string, dryRun: boolean, file: File): Promise<ImportReport> => {
    const form = new FormData()
    form.append('file', file, file.name)
    const res = await fetch(`${this.baseUrl}/api/v1/imports?kind=${encodeURIComponent(kind)}&dryRun=${dryRun}`, {
      method: 'POST', headers: { authorization: `Bearer ${this.#token}` }, body: form,
    }).catch((err: Error) => {
      throw new NetworkError(`cannot reach the server (${err.message})`)
    })
    const json: unknown = await res.json().catch(() => null)
    const report = reportOf(json)
    if (report) return report
    throw apiErrorOf(res.status, json)
  }

  /** Registers lots or serials, all or none; already-registered identical lots answer as they are. */
  registerLots = (lots: LotInput[]) => this.request<LotBatchData>('POST', '/lots/batch', { lots })
}

/** The import report an answer carries (with a refusal too), or null. */
function reportOf(body: unknown): ImportReport | null {
  const parsed = ImportAnswer.safeParse(body)
  return parsed.success ? parsed.data.report : null
}
