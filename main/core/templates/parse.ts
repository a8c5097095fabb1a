// Reads a template body into text, variables, fill-in fields and conditionals, and reports every
// problem with its place (offset, line, column) so the editor can point at it. Pure.
//
// The syntax, all inside double braces so one rule finds every tag:
//   {{customer.first_name}}            a variable
//   {{customer.first_name | "there"}}  …with a fallback when it has no value
//   {{#if order.tracking_number}}…{{else}}…{{/if}}
//   {{field "new date"}}               a blank the seller fills in before sending
// Fill-in fields use the same braces rather than a second syntax such as [[new date]]: square
// brackets turn up in ordinary replies (markdown links, "[sic]"), braces never do, and one lexer
// means one set of error positions.
import { TEMPLATE_VARIABLES, isVariable, type VariableName } from './variables'

export interface TemplateProblem {
  kind:
    | 'unclosed_tag'
    | 'empty_tag'
    | 'unknown_tag'
    | 'unknown_variable'
    | 'bad_fallback'
    | 'bad_field'
    | 'unexpected_else'
    | 'unexpected_end'
    | 'unclosed_if'
    /** Rendering only: a known variable without a value and without a fallback. */
    | 'missing_value'
  message: string
  /** Offsets into the template body, end exclusive. */
  start: number
  end: number
  /** 1-based, for people. */
  line: number
  column: number
  variable?: string
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: VariableName; fallback?: string; start: number; end: number }
  | { kind: 'field'; label: string; start: number; end: number }
  | { kind: 'if'; name: VariableName; then: TemplateNode[]; otherwise: TemplateNode[]; start: number; end: number }
  /** A tag that could not be read: kept as its own text so a preview shows where it was. */
  | { kind: 'broken'; text: string }

export interface ParsedTemplate {
  nodes: TemplateNode[]
  problems: TemplateProblem[]
}

/** Longest fallback or field label: a sentence, not a letter. */
const MAX_LABEL = 200

export function position(body: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < body.length; i++) {
    if (body[i] === '\n') {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

export function problemAt(
  body: string,
  kind: TemplateProblem['kind'],
  start: number,
  end: number,
  message: string,
  variable?: string,
): TemplateProblem {
  return { kind, message, start, end, ...position(body, start), ...(variable !== undefined ? { variable } : {}) }
}

interface Frame {
  name: VariableName
  start: number
  then: TemplateNode[]
  otherwise: TemplateNode[]
  inElse: boolean
}

export function parseTemplate(body: string): ParsedTemplate {
  const problems: TemplateProblem[] = []
  const root: TemplateNode[] = []
  const stack: Frame[] = []
  const out = () => {
    const top = stack.at(-1)
    return top ? (top.inElse ? top.otherwise : top.then) : root
  }
  const text = (t: string) => {
    if (t === '') return
    const list = out()
    const last = list.at(-1)
    if (last?.kind === 'text') list[list.length - 1] = { kind: 'text', text: last.text + t }
    else list.push({ kind: 'text', text: t })
  }
  const problem = (kind: TemplateProblem['kind'], start: number, end: number, message: string, variable?: string) =>
    problems.push(problemAt(body, kind, start, end, message, variable))

  let at = 0
  while (at < body.length) {
    const open = body.indexOf('{{', at)
    if (open < 0) {
      text(body.slice(at))
      break
    }
    const close = body.indexOf('}}', open + 2)
    const nextOpen = body.indexOf('{{', open + 2)
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const lineEnd = body.indexOf('\n', open)
      const end = lineEnd < 0 ? body.length : lineEnd
      text(body.slice(at, open))
      problem('unclosed_tag', open, end, 'This "{{" is never closed with "}}".')
      out().push({ kind: 'broken', text: body.slice(open, end) })
      at = end
      continue
    }
    const tagEnd = close + 2
    const inner = body.slice(open + 2, close).trim()
    const isBlock = /^(#|\/|else$)/.test(inner)
    // A block tag alone on its line takes the line with it, so conditionals leave no blank lines.
    let from = open
    let to = tagEnd
    if (isBlock) {
      const lineStart = body.lastIndexOf('\n', open - 1) + 1
      const lineEnd = body.indexOf('\n', tagEnd)
      const after = lineEnd < 0 ? body.length : lineEnd
      if (/^[ \t]*$/.test(body.slice(lineStart, open)) && /^[ \t]*$/.test(body.slice(tagEnd, after))) {
        from = lineStart
        to = lineEnd < 0 ? after : lineEnd + 1
      }
    }
    text(body.slice(at, Math.max(at, from)))
    at = to
    const broken = () => out().push({ kind: 'broken', text: body.slice(open, tagEnd) })

    if (inner === '') {
      problem('empty_tag', open, tagEnd, 'An empty "{{ }}": write a variable name inside, or remove it.')
      broken()
      continue
    }
    if (inner.startsWith('#')) {
      const m = /^#(\w+)\s*(.*)$/s.exec(inner)
      const helper = m?.[1] ?? ''
      const arg = (m?.[2] ?? '').trim()
      if (helper !== 'if') {
        problem('unknown_tag', open, tagEnd, `"{{#${helper}}}" is not something templates know; only {{#if …}} is.`)
        broken()
        continue
      }
      if (!isVariable(arg)) {
        problem(
          'unknown_variable',
          open,
          tagEnd,
          arg === '' ? '{{#if}} needs a variable: {{#if order.tracking_number}}.' : unknownVariable(arg),
          arg,
        )
      }
      stack.push({ name: arg as VariableName, start: open, then: [], otherwise: [], inElse: false })
      continue
    }
    if (inner === 'else') {
      const top = stack.at(-1)
      if (!top || top.inElse) {
        problem('unexpected_else', open, tagEnd, '{{else}} belongs between {{#if …}} and {{/if}}.')
        broken()
      } else top.inElse = true
      continue
    }
    if (inner.startsWith('/')) {
      const top = stack.pop()
      if (!top || inner !== '/if') {
        if (top) stack.push(top)
        problem('unexpected_end', open, tagEnd, `"{{${inner}}}" closes nothing: no {{#if …}} is open here.`)
        broken()
        continue
      }
      out().push({
        kind: 'if',
        name: top.name,
        then: top.then,
        otherwise: top.otherwise,
        start: top.start,
        end: tagEnd,
      })
      continue
    }
    if (/^field\b/.test(inner)) {
      const label = quoted(inner.slice('field'.length).trim())
      if (label === null || label.trim() === '' || label.length > MAX_LABEL || /[\n⟦⟧]/.test(label)) {
        problem('bad_field', open, tagEnd, 'A fill-in field needs a short label in quotes: {{field "new date"}}.')
        broken()
      } else out().push({ kind: 'field', label: label.trim(), start: open, end: tagEnd })
      continue
    }
    const bar = inner.indexOf('|')
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim()
    let fallback: string | undefined
    if (bar >= 0) {
      const q = quoted(inner.slice(bar + 1).trim())
      if (q === null || q.length > MAX_LABEL) {
        problem('bad_fallback', open, tagEnd, `The fallback after "|" must be in quotes: {{${name} | "there"}}.`)
        broken()
        continue
      }
      fallback = q
    }
    if (!isVariable(name)) {
      problem('unknown_variable', open, tagEnd, unknownVariable(name), name)
      broken()
      continue
    }
    out().push({ kind: 'var', name, ...(fallback !== undefined ? { fallback } : {}), start: open, end: tagEnd })
  }
  // Unclosed conditionals: report each, and keep what they held so nothing typed disappears.
  while (stack.length > 0) {
    const top = stack.pop()!
    problem('unclosed_if', top.start, top.start + 2, `This {{#if ${top.name}}} is never closed with {{/if}}.`)
    out().push(...top.then, ...top.otherwise)
  }
  return { nodes: root, problems }
}

/** The text between matching quotes ("…", '…', “…”, 「…」), or null if it is not exactly that. */
function quoted(s: string): string | null {
  const pairs: Record<string, string> = { '"': '"', "'": "'", '“': '”', '「': '」' }
  const close = pairs[s[0] ?? '']
  if (close === undefined || s.length < 2 || !s.endsWith(close)) return null
  const inner = s.slice(1, -1)
  return inner.includes(s[0]!) || (close !== s[0] && inner.includes(close)) ? null : inner
}

function unknownVariable(name: string): string {
  const near = closest(name)
  return `"${name}" is not a template variable.${near ? ` Did you mean ${near}?` : ''} Known: ${TEMPLATE_VARIABLES.join(', ')}.`
}

/** The known variable a typo most likely meant, if one is close. */
function closest(name: string): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const v of TEMPLATE_VARIABLES) {
    const d = distance(name.toLowerCase(), v)
    if (d < bestDistance) {
      bestDistance = d
      best = v
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = row[j]!
      row[j] = next
    }
  }
  return row[b.length]!
}
