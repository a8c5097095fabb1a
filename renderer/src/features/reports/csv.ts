// Tables as CSV (RFC 4180): quoted where needed, CRLF line ends, and a byte-order mark so a
// spreadsheet opens Japanese text as UTF-8 rather than guessing Shift_JIS.

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  const line = (cells: readonly (string | number | undefined)[]) => cells.map(cell).join(',')
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return ''
  let s = String(value)
  // A leading = + - @ would run as a formula in a spreadsheet: a customer's subject must not.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

/** Offers text as a file download (browser mode: a link to a Blob, clicked). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
