/** The API's shapes, from the shared schemas. */
import type { z } from 'zod'
import type { Location } from '../../../shared/schemas/location'
import type { Lot, LotInput } from '../../../shared/schemas/lot'
import type { Move, OperationInput, OperationResult } from '../../../shared/schemas/operation'
import type { Product, ProductInput } from '../../../shared/schemas/product'
import type {
  FefoAnswer, LocationList, LotBatchAnswer, LotPage, Me, MovePage, OperationPage, ProductList, RecallAnswer, StockAnswer, TraceAnswer,
} from '../../../shared/schemas/queries'
import type { Settings } from '../../../shared/schemas/settings'

export type { Location, Lot, LotInput, Move, Product, ProductInput, Settings, OperationResult }
export type OperationBody = z.input<typeof OperationInput>
export type MeAnswer = z.infer<typeof Me>
export type TraceData = z.infer<typeof TraceAnswer>
export type RecallData = z.infer<typeof RecallAnswer>
export type FefoData = z.infer<typeof FefoAnswer>
export type ProductListData = z.infer<typeof ProductList>
export type LocationListData = z.infer<typeof LocationList>
export type StockData = z.infer<typeof StockAnswer>
export type LotPageData = z.infer<typeof LotPage>
export type MovePageData = z.infer<typeof MovePage>
export type LotBatchData = z.infer<typeof LotBatchAnswer>
export type OperationPageData = z.infer<typeof OperationPage>

/** What a write sends: an operation, or lots to register. */
export type WriteBody = { kind: 'operation'; body: OperationBody } | { kind: 'lots'; body: { lots: LotInput[] } }

/** What the server answered a write: 201 new, 200 the same write again (applied once). */
export type SendResult = { kind: 'operation'; status: number; body: OperationResult } | { kind: 'lots'; status: number; body: LotBatchData }

/** The active sheet sent to import (the add-in's door to POST /imports), and what an import answers. */
export type { ImportReport, SheetRows } from '../../../shared/import/report'
