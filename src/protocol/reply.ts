// The two reply shapes. Every reply, errors included, is HTTP 200 with application/json: a non-200
// makes the Python SDK resend (a RunInstances would run twice) and the Go SDK fail to parse.
import { ApiError } from '../errors.ts'

export function successBody(action: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { action: `${action}Response`, ...fields, ret_code: 0 }
}

export function errorBody(error: ApiError): { ret_code: number; message: string } {
  return { ret_code: error.code, message: error.message }
}

/** What a client sees for a failure we did not foresee: the request id to report, nothing else. */
export function internalError(requestId: string): ApiError {
  return new ApiError('InternalError', `an unexpected error occurred, request id [${requestId}]`)
}
