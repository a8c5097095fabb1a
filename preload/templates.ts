// The templates part of the contract (canned replies): response types and the helpers the
// composer shares with the engine, spread into `Responses` in api.ts. The request schemas, which
// refuse a template body that does not parse, are in schemas/templates.ts.
import type { Language, Template } from '../main/core/model'
import type { FieldSpan } from '../main/core/templates/fields'
import type { TemplateProblem } from '../main/core/templates/parse'
import type { SuggestionReason } from '../main/core/templates/suggest'

export { FIELD_CLOSE, FIELD_OPEN, findFields, nextField, type FieldSpan } from '../main/core/templates/fields'
export type { TemplateProblem } from '../main/core/templates/parse'
export { isBlocking } from '../main/core/templates/render'
export { TEMPLATE_VARIABLES, VARIABLE_LABELS, type VariableName } from '../main/core/templates/variables'

/** Longest template body: a long letter, not a book. */
export const MAX_TEMPLATE_CHARS = 20_000

/** A template as the renderer sees it: its group resolved. */
export type TemplateView = Template & { group: string }

export interface TemplateRendering {
  /** The variant rendered (with `templateId`), and its language. */
  templateId?: string
  language: Language
  text: string
  fields: FieldSpan[]
  /** Blocking ones (see isBlocking) mean: fix the template before using it. */
  problems: TemplateProblem[]
}

export interface TemplateSuggestion {
  /** The variant in the customer's language. */
  templateId: string
  group: string
  score: number
  reasons: SuggestionReason[]
}
