// Moving the focus inside the settings screen: into a section, or to a named control after the
// element that had it went away (a form closed, an account removed).

/** What Tab stops on, in document order; of a radio group only the checked radio. */
const FOCUSABLE =
  'input:not([type="hidden"]):not([type="radio"]), input[type="radio"]:checked, select, textarea, button, a[href], [tabindex="0"]'

/** Focuses the first control in `root` the seller can use; says whether there was one. */
export function focusFirstIn(root: HTMLElement): boolean {
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if ((el as HTMLInputElement).disabled || el.closest('[hidden]')) continue
    el.focus()
    return true
  }
  return false
}

/** Focuses the element marked `data-focus="<key>"` inside `root`; says whether it was there. */
export function focusMarked(root: HTMLElement | null, key: string): boolean {
  const el = root?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)
  if (!el) return false
  el.focus()
  if (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio') el.select()
  return true
}
