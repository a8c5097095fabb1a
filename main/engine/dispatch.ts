// The boundary: validates a request against the contract, runs its handler, and turns
// every failure into a typed ApiError. Nothing a caller sends can crash the engine.
import {
  EngineError,
  type ApiError,
  type RequestMethod,
  type RequestParams,
  type Responses,
  type Result,
} from '../../preload/api'
import { requestSchemas } from '../../preload/schemas/requests'

export type Handlers = { [M in RequestMethod]: (params: RequestParams<M>) => Promise<Responses[M]> }

export function isMethod(method: unknown): method is RequestMethod {
  return typeof method === 'string' && Object.hasOwn(requestSchemas, method)
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown,
  onInternalError: (err: unknown) => void,
): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return fail({ code: 'unknown_method', message: `Unknown request ${JSON.stringify(method)}.` })
  }
  const parsed = requestSchemas[method].safeParse(input ?? {})
  if (!parsed.success) {
    return fail({
      code: 'bad_request',
      message: `Invalid input for ${method}.`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    })
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>
    return { ok: true, value: await handler(parsed.data) }
  } catch (err) {
    if (err instanceof EngineError) {
      return fail({ code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) })
    }
    onInternalError(err)
    return fail({ code: 'internal', message: 'Something went wrong inside Seller Inbox; the details are in the log.' })
  }
}

function fail(error: ApiError): Result<never> {
  return { ok: false, error }
}
