/** The DOM id of the inbox row at `index`, which the list's aria-activedescendant points at. */
export function rowId(index: number): string {
  return `inbox-row-${index}`
}
