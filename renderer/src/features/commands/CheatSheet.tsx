// The cheat sheet (`?`): every command and the keys it answers to now, grouped, and where keys
// are changed — the same list, and the same saving to settings.json, as Settings › Keyboard.
import { useState } from 'react'
import { words, type Lang } from '../../app/i18n'
import { KeyList } from '../keys/KeyList'
import { Dialog } from '../../ui/Dialog'

interface Props {
  open: boolean
  lang: Lang
  onClose(): void
}

export function CheatSheet({ open, lang, onClose }: Props) {
  const t = words(lang)
  return (
    <Dialog open={open} onClose={onClose} label={t.shortcuts} className="cheatsheet">
      <CheatSheetBody lang={lang} onClose={onClose} />
    </Dialog>
  )
}

function CheatSheetBody({ lang, onClose }: { lang: Lang; onClose(): void }) {
  const t = words(lang)
  // Mounted with the dialog's content: each opening starts without the last one's message.
  const [message, setMessage] = useState<string | null>(null)
  return (
    <div className="cheatsheet-body">
      <h2 className="dialog-title">{t.shortcuts}</h2>
      <KeyList lang={lang} idPrefix="cheat" autoFocus onClose={onClose} message={message} onMessage={setMessage} />
    </div>
  )
}
