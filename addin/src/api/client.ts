/** The pane's HTTP client: JSON to `/api/v1` with the user's token, errors as `ApiError` / `NetworkError`. */
import { fileNameFromDisposition } from '../../../shared/content-disposition'
import type { ChangesAnswer } from '../../../shared/schemas/changes'
import { ApiError, apiErrorOf, NetworkError } from './errors'
import type {
  FefoData, ImportReport, LocationListData, Lot, LotBatchData, LotInput, LotPageData, MeAnswer, MovePageData, OperationBody, OperationPageData,
  OperationResult, Product, ProductInput, ProductListData, RecallData, SendResult, Settings, SheetRows, StockData, TraceData, WriteBody,
} from './types'

const TIMEOUT_MS = 20_000
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const SEQ_HEADER = 'lotledger-seq'
const MIN_SEQ_HEADER = 'lotledger-min-seq'
/** How often a read is asked again of a server that has not reached the pane's last write. */
const SEQ_RETRIES = 3

/** The error code of a failed answer (its body read from a copy), `http_<status>` without one. */
async function codeOf(res: Response): Promise<string> {
  const body: unknown = await res.clone().json().catch(() => null)
  return (await apiErrorOf(res.status, body)).code
}

/** Retry-After in milliseconds, between 0.1 and 3 s (the server says it in seconds). */
function retryAfterMs(res: Response): number {
  const seconds = Number(res.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(3_000, Math.max(100, seconds * 1000)) : 500
}

export type Query = Record<string, string | number | boolean | undefined | null>

function queryString(q: Query = {}): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** A file the server made: its bytes and the name it gave it. */
export interface ServerFile {
  bytes: Blob
  fileName: string
  /** The answer's headers (an annotated import carries its summary in one). */
  headers: Headers
}

export class ApiClient {
  readonly baseUrl: string
  readonly #token: string
  /** The journal position the last write's answer reflected: later requests ask for at least it. */
  #minSeq = 0

  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.#token = token
  }

  /**
   * fetch with the token and a timeout; a failure to reach the server is a NetworkError. Behind a
   * load balancer, another server may not have applied the pane's last write yet: every request
   * after a write says so (Lotledger-Min-Seq: the position the write's answer gave), and a read
   * that server answers with 503 `seq_not_reached` is asked again after the Retry-After it gives.
   */
  async #fetch(method: string, path: string, init: { query?: Query; json?: unknown; form?: FormData } = {}): Promise<Response> {
    const write = WRITE_METHODS.has(method)
    for (let attempt = 0; ; attempt++) {
      const res = await this.#send(method, path, init)
      if (!write && attempt < SEQ_RETRIES && res.status === 503 && (await codeOf(res)) === 'seq_not_reached') {
        await new Promise((resolve) => setTimeout(resolve, retryAfterMs(res)))
        continue
      }
      const seq = Number(res.headers.get(SEQ_HEADER))
      if (write && res.ok && Number.isSafeInteger(seq) && seq > this.#minSeq) this.#minSeq = seq
      return res
    }
  }

  async #send(method: string, path: string, init: { query?: Query; json?: unknown; form?: FormData }): Promise<Response> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` }
    if (init.json !== undefined) headers['content-type'] = 'application/json'
    if (this.#minSeq > 0) headers[MIN_SEQ_HEADER] = String(this.#minSeq)
    try {
      return await fetch(`${this.baseUrl}/api/v1${path}${queryString(init.query)}`, {
        method, headers, signal: controller.signal,
        body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
      })
    } catch (err) {
      throw new NetworkError(controller.signal.aborted ? 'the server did not answer in time' : `cannot reach the server (${(err as Error).message})`)
    } finally {
      clearTimeout(timer)
    }
  }

  /** One request; resolves with the JSON body, rejects with ApiError or NetworkError. */
  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<{ status: number; body: T }> {
    const res = await this.#fetch(method, path, { json: body, query })
    const text = await res.text().catch(() => '')
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      // A proxy or a server fault can answer with HTML; handled below as an error without code.
    }
    if (!res.ok) throw await apiErrorOf(res.status, json)
    return { status: res.status, body: json as T }
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', path, undefined, query)).body
  }

  /** A file answer (an export, a template, an annotated import); `ok` says which statuses carry one. */
  async file(method: string, path: string, init: { query?: Query; form?: FormData; ok?: (status: number) => boolean } = {}): Promise<ServerFile> {
    const res = await this.#fetch(method, path, init)
    if (!(init.ok ?? ((s: number) => s === 200))(res.status)) throw await apiErrorOf(res.status, await res.json().catch(() => null))
    const fileName = fileNameFromDisposition(res.headers.get('content-disposition')) ?? `${path.split('/').pop()}`
    return { bytes: await res.blob(), fileName, headers: res.headers }
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
  /** Operations recorded under `reference` (the first page: a reference names few operations). */
  operations = (q: { reference: string; type?: string }) => this.get<OperationPageData>('/operations', { ...q, limit: 100 })
  operation = (id: string) => this.get<OperationResult>(`/operations/${encodeURIComponent(id)}`)
  changes = (since: number, limit = 1000, types?: string) =>
    this.get<ChangesAnswer>('/changes', { since, limit, types })

  /** Records an operation; 201 new, 200 a replay of the same id (applied once). */
  recordOperation = (body: OperationBody) => this.request<OperationResult>('POST', '/operations', body)
  /** Registers lots or serials, all or none; already-registered identical lots answer as they are. */
  registerLots = (lots: LotInput[]) => this.request<LotBatchData>('POST', '/lots/batch', { lots })

  /** Creates (or replaces) a product: admin only. */
  saveProduct = (sku: string, product: ProductInput) => this.request<Product>('PUT', `/products/${encodeURIComponent(sku)}`, product)

  /** Sends a write of the outbox. */
  async sendWrite(w: WriteBody): Promise<SendResult> {
    if (w.kind === 'operation') return { kind: 'operation', ...(await this.recordOperation(w.body)) }
    return { kind: 'lots', ...(await this.registerLots(w.body.lots)) }
  }

  /**
   * Imports a sheet's rows as `kind` (all or none; `dryRun` checks only). Answers the report,
   * also when the server refused the import for its problems.
   */
  importRows = async (kind: string, dryRun: boolean, sheet: SheetRows): Promise<ImportReport> => {
    try {
      return (await this.request<{ report: ImportReport }>('POST', '/imports', sheet, { kind, dryRun })).body.report
    } catch (err) {
      const report = err instanceof ApiError ? await reportOf(err.body) : null
      if (report) return report
      throw err
    }
  }

  /** Uploads a file to import (the pane outside Excel) and answers the report. */
  importFile = async (kind: string, dryRun: boolean, file: File): Promise<ImportReport> => {
    const res = await this.#fetch('POST', '/imports', { query: { kind, dryRun }, form: uploadOf(file) })
    const json: unknown = await res.json().catch(() => null)
    const report = await reportOf(json)
    if (report) return report
    throw await apiErrorOf(res.status, json)
  }

  /** Uploads a file to check or import and answers it annotated: a Status column, errors in red, a Problems sheet. */
  importAnnotated = (kind: string, dryRun: boolean, file: File): Promise<ServerFile> =>
    this.file('POST', '/imports', { query: { kind, dryRun, format: 'xlsx' }, form: uploadOf(file), ok: (s) => s === 200 || s === 422 })
}

function uploadOf(file: File): FormData {
  const form = new FormData()
  form.append('file', file, file.name)
  return form
}

/** The import report an answer carries (with a refusal too), or null. */
async function reportOf(body: unknown): Promise<ImportReport | null> {
  const { ImportAnswer } = await import('../../../shared/import/report')
  const parsed = ImportAnswer.safeParse(body)
  return parsed.success ? parsed.data.report : null
}
