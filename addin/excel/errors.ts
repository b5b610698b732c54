/** Office.js errors the layer reacts to. */

/** Excel on the web refuses a request above 5 MB with this code. */
export const REQUEST_PAYLOAD_LIMIT = 'RequestPayloadSizeLimitExceeded'
/** ...and a response above 5 MB with this one. */
export const RESPONSE_PAYLOAD_LIMIT = 'ResponsePayloadSizeLimitExceeded'

function codes(e: unknown): unknown[] {
  if (!e || typeof e !== 'object') return []
  const err = e as { code?: unknown; debugInfo?: { code?: unknown } }
  return [err.code, err.debugInfo?.code]
}

/** True when Excel refused a request or response for its size: retry with a smaller block. */
export function isPayloadLimitError(e: unknown): boolean {
  return codes(e).some((c) => c === REQUEST_PAYLOAD_LIMIT || c === RESPONSE_PAYLOAD_LIMIT)
}
