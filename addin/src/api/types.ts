/** The API's shapes, from the shared schemas. */
import type { z } from 'zod'
import type { Location } from '../../../shared/schemas/location'
import type { Lot, LotInput } from '../../../shared/schemas/lot'
import type { Move, OperationInput, OperationResult } from '../../../shared/schemas/operation'
import type { Product } from '../../../shared/schemas/product'
import type {
  FefoAnswer, LocationList, LotBatchAnswer, LotPage, Me, MovePage, ProductList, RecallAnswer, StockAnswer, TraceAnswer,
} from '../../../shared/schemas/queries'
import type { Settings } from '../../../shared/schemas/settings'

export type { Location, Lot, LotInput, Move, Product, Settings, OperationResult }
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

/** The active sheet sent to import (the add-in's door to POST /imports), and what an import answers. */
export type { ImportReport, SheetRows } from '../../../shared/import/report'
