import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and starts with a byte-order mark', () => {
    const csv = toCsv(['Customer', 'Subject', 'Late by (h)'], [['Sato, Hana', 'He said "broken"\nagain', 10]])
    expect(csv).toBe('\uFEFFCustomer,Subject,Late by (h)\r\n"Sato, Hana","He said ""broken""\nagain",10\r\n')
  })
  it('keeps Japanese as it is and leaves empty cells empty', () => {
    expect(toCsv(['お客様', '返信'], [['佐藤 花子', undefined]])).toBe('\uFEFFお客様,返信\r\n佐藤 花子,\r\n')
  })
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(toCsv(['Subject'], [['=HYPERLINK("http://x")']])).toBe('\uFEFFSubject\r\n"\'=HYPERLINK(""http://x"")"\r\n')
    expect(toCsv(['n'], [[-3]])).toBe('\uFEFFn\r\n-3\r\n')
  })
})
