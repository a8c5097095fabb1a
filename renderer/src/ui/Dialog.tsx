// A modal dialog on the native <dialog> element: the browser keeps the focus inside it, makes
// the page behind inert, and gives the focus back where it was when the dialog closes.
// While one is open the keymap is suspended: the dialog handles its own keys.
import { useEffect, useRef, type ReactNode } from 'react'
import { useSuspendKeymap } from '../app/useCommands'

interface Props {
  open: boolean
  onClose(): void
  label: string
  className?: string
  children: ReactNode
}

export function Dialog({ open, onClose, label, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  useSuspendKeymap(open)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-label={label}
      // Esc: the browser's cancel; we close through state so React stays the source of truth.
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      onMouseDown={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === ref.current) onClose()
      }}
    >
      {open && children}
    </dialog>
  )
}
