// A line of text with the search terms that matched it marked.
import type { TextRange } from '../../../../preload/api'

export function Marked({ text, marks }: { text: string; marks: readonly TextRange[] }) {
  const parts = []
  let at = 0
  for (const { start, end } of marks) {
    if (start < at || end > text.length) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}
