// Keys as the seller reads them: one <kbd> per chord, and sentences with keys inside them.
import { Fragment } from 'react'

/** A key sequence, e.g. ['g', 'i'] or ['Ctrl+K'], each chord in its own <kbd>. */
export function KeySequence({ chords, then }: { chords: readonly string[]; then?: string }) {
  return (
    <span className="keys">
      {chords.map((c, i) => (
        <Fragment key={i}>
          {i > 0 && then && <span className="keys-then">{then}</span>}
          <kbd>{c}</kbd>
        </Fragment>
      ))}
    </span>
  )
}

/** A sentence with `{name}` holes filled by key sequences: "Press {u} to undo." */
export function WithKeys({ text, keys }: { text: string; keys: Record<string, readonly string[] | undefined> }) {
  const parts = text.split(/(\{\w+\})/)
  return (
    <>
      {parts.map((part, i) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1]
        const chords = name === undefined ? undefined : keys[name]
        if (name === undefined) return <Fragment key={i}>{part}</Fragment>
        // A command the seller left without a key: say nothing rather than show a hole.
        return chords && chords.length > 0 ? <KeySequence key={i} chords={chords} /> : null
      })}
    </>
  )
}
