// A rendered template as the seller will see it in the composer, its blanks (⟦new date⟧) marked.
import type { TemplateRendering } from '../../../../preload/api'

export function RenderedText({ rendering }: { rendering: Pick<TemplateRendering, 'text' | 'fields'> }) {
  const parts: { text: string; field: boolean }[] = []
  let at = 0
  for (const f of rendering.fields) {
    if (f.start < at) continue
    parts.push({ text: rendering.text.slice(at, f.start), field: false })
    parts.push({ text: rendering.text.slice(f.start, f.end), field: true })
    at = f.end
  }
  parts.push({ text: rendering.text.slice(at), field: false })
  return (
    <pre className="template-rendered">
      {parts.map((p, i) =>
        p.field ? (
          <mark key={i} className="template-field">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </pre>
  )
}
