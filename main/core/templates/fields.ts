// Fill-in fields in a rendered reply: blanks such as ⟦new date⟧ the seller tabs to and types
// over before sending. The marks are brackets customers do not type (U+27E6 / U+27E7), so the
// composer can find what is left in the text itself, even in a draft reopened after a restart.
export const FIELD_OPEN = '⟦'
export const FIELD_CLOSE = '⟧'

export interface FieldSpan {
  label: string
  /** Offsets of the whole blank, marks included, end exclusive. */
  start: number
  end: number
}

export function fieldText(label: string): string {
  return `${FIELD_OPEN}${label}${FIELD_CLOSE}`
}

/** Every blank still in `text`, in order. */
export function findFields(text: string): FieldSpan[] {
  const out: FieldSpan[] = []
  const re = /⟦([^⟦⟧\n]{1,200})⟧/g
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ label: m[1]!, start: m.index, end: m.index + m[0].length })
  return out
}

/** The blank after the cursor (or before it, going back), wrapping around; undefined if none is left. */
export function nextField(text: string, cursor: number, backwards = false): FieldSpan | undefined {
  const fields = findFields(text)
  if (fields.length === 0) return undefined
  if (backwards) return fields.findLast((f) => f.end <= cursor) ?? fields.at(-1)
  return fields.find((f) => f.start >= cursor) ?? fields[0]
}
