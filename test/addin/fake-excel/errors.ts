/** Errors shaped like Office.js's: `code`, `message` and `debugInfo`. */

/** The codes the fake raises; `Excel.ErrorCodes` of the fake namespace. */
export const ErrorCodes = {
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidObjectPath: 'InvalidObjectPath',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  notImplemented: 'NotImplemented',
  propertyNotLoaded: 'PropertyNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

export class FakeOfficeError extends Error {
  override name = 'RichApi.Error'
  readonly debugInfo: { code: string; message: string }
  constructor(readonly code: ErrorCode, message: string) {
    super(message)
    this.debugInfo = { code, message }
  }
}

export const fail = (code: ErrorCode, message: string): FakeOfficeError => new FakeOfficeError(code, message)

export const notLoaded = (property: string): FakeOfficeError =>
  fail(ErrorCodes.propertyNotLoaded, `The property '${property}' is not available: load it and call context.sync() before reading it.`)
