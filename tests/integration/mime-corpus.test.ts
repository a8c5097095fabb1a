// The MIME layer against real-world mail: every file of the shared corpus parses, and reads
// as something a seller can use — a subject or a body, and who sent it.
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseMail } from '../../main/channels/mail/parse'
import type { ParsedMail } from '../../main/channels/mail/parse'
import { searchTerms, segmentWords } from '../../main/core/search-tokens'
import { corpusFiles, readCorpus } from '../rigs/corpus'

/** Corpus files judged truly undecodable, and why. Everything else must read. */
const UNDECODABLE: Record<string, string> = {
  sample_output_multipart: 'an empty file (0 bytes): there is no message in it',
}

/** Some letters, and not mostly replacement characters: text a person can read. */
function readable(s: string): boolean {
  const letters = s.match(/\p{L}/gu)?.length ?? 0
  const broken = s.match(/\ufffd/g)?.length ?? 0
  return letters > 0 && broken * 10 < s.length
}

/** Whether the raw top-level header block has a From field. */
function hasFromHeader(raw: Buffer): boolean {
  const text = raw.toString('latin1')
  const end = text.search(/\r?\n\r?\n/)
  return /^from\s*:/im.test(end < 0 ? text : text.slice(0, end))
}

describe('the real-world corpus', () => {
  const parsed = new Map<string, ParsedMail>()
  let files: string[] = []
  let elapsedMs = 0

  beforeAll(async () => {
    files = await corpusFiles()
    const raws = await readCorpus(...files)
    const started = performance.now()
    for (const [i, name] of files.entries()) parsed.set(name, await parseMail(raws[i]!))
    elapsedMs = performance.now() - started
  })

  it('covers every subfolder of the corpus', () => {
    const folders = new Set(files.map((f) => f.split(path.sep)[0]))
    for (const folder of [
      'attachment_emails',
      'error_emails',
      'mime_emails',
      'multi_charset',
      'multipart_report_emails',
    ]) {
      expect(folders).toContain(folder)
    }
    expect(files.length).toBeGreaterThan(100)
  })

  it('indexes every message with the words ICU finds in it, whatever its charset', () => {
    // Search splits plain ASCII itself and leaves the rest to ICU: real mail must not tell them apart.
    for (const [name, mail] of parsed) {
      const text = `${mail.subject}\n${mail.from?.name ?? ''} ${mail.from?.address ?? ''}\n${mail.text}`
      expect(searchTerms(text), name).toEqual(segmentWords(text.normalize('NFKC')))
    }
  })

  it('parses every file without throwing, all of them in well under a second each', async () => {
    for (const name of files) {
      const [raw] = await readCorpus(name)
      await expect(parseMail(raw!), name).resolves.toBeDefined()
    }
    expect(elapsedMs).toBeLessThan(files.length * 200)
  })

  it('reads every file except the listed undecodable ones: a subject or body, and the sender', async () => {
    const failures: string[] = []
    for (const name of files) {
      const mail = parsed.get(name)!
      const reason = UNDECODABLE[name]
      if (reason) {
        if (!mail.unreadable) failures.push(`${name}: listed as undecodable (${reason}) but decoded`)
        continue
      }
      if (mail.unreadable) failures.push(`${name}: unreadable: ${mail.unreadable}`)
      if (!readable(mail.subject) && !readable(mail.text)) failures.push(`${name}: no readable subject or body`)
      const [raw] = await readCorpus(name)
      if (hasFromHeader(raw!) && !(mail.from?.address || mail.from?.name))
        failures.push(`${name}: From header but no sender`)
    }
    expect(failures).toEqual([])
  })

  it('gives every date as ISO-8601 UTC or not at all', () => {
    for (const [name, mail] of parsed) {
      if (mail.date !== undefined) expect(mail.date, name).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
  })

  it('keeps message ids and references in angle brackets', () => {
    for (const [name, mail] of parsed) {
      for (const id of [mail.messageId, mail.inReplyTo, ...mail.references]) {
        if (id !== undefined) expect(id, name).toMatch(/^<[^<>\s]+>$/)
      }
    }
  })
})

describe('Japanese mail in the corpus (multi_charset/)', () => {
  it('decodes UTF-8 base64 subject, display name and body', async () => {
    const [raw] = await readCorpus('multi_charset/japanese.eml')
    const mail = await parseMail(raw!)
    expect(mail.subject).toBe('まみむめも')
    expect(mail.to).toEqual([{ name: 'みける', address: 'raasdnil@gmail.com' }])
    expect(mail.from).toEqual({ name: 'Mikel Lindsaar', address: 'raasdnil@gmail.com' })
    expect(mail.text).toBe('かきくえこ\n\n-- \nhttp://lindsaar.net/\nRails, RSpec and Life blog....')
  })

  it('decodes an ISO-2022-JP body', async () => {
    const [raw] = await readCorpus('multi_charset/japanese_iso_2022.eml')
    const mail = await parseMail(raw!)
    expect(mail.subject).toBe('まみむめも')
    expect(mail.text).toBe('すみません。')
  })

  it('decodes an 8-bit Shift_JIS body from a docomo phone', async () => {
    const [raw] = await readCorpus('multi_charset/japanese_shift_jis.eml')
    const mail = await parseMail(raw!)
    expect(mail.text).toBe('あいうえお\n\nこのメールはテスト用のメールです。\n\n今後ともよろしくお願い申し上げます！')
    expect(mail.date).toBe('2014-05-28T08:18:19.000Z')
  })

  it('decodes an RFC 2047 Japanese attachment name', async () => {
    const [raw] = await readCorpus('multi_charset/japanese_attachment.eml')
    const mail = await parseMail(raw!)
    expect(mail.attachments).toEqual([{ filename: 'てすと.txt', contentType: 'text/plain', size: 33 }])
    expect(mail.text).toBe('testing\n\n-- \nhttp://lindsaar.net/\nRails, RSpec and Life blog....')
  })

  it('decodes a long RFC 2231 continued name and a four-word folded subject', async () => {
    const [raw] = await readCorpus('multi_charset/japanese_attachment_long_name.eml')
    const mail = await parseMail(raw!)
    expect(mail.subject).toBe('まみむめも'.repeat(10))
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['かきくけこ'.repeat(5) + '.txt', 'text/plain'],
    ])
  })

  it('decodes ks_c_5601-1987 (Korean) through its WHATWG alias', async () => {
    const [raw] = await readCorpus('multi_charset/ks_c_5601-1987.eml')
    expect((await parseMail(raw!)).text).toBe('스티해')
  })

  it('joins ISO-2022-JP encoded words folded across lines', async () => {
    const [raw] = await readCorpus('rfc2822/example14.eml')
    expect((await parseMail(raw!)).subject).toBe('Re: TEST テストテスト')
  })
})

describe('broken real-world headers', () => {
  async function parse(name: string): Promise<ParsedMail> {
    const [raw] = await readCorpus(name)
    return await parseMail(raw!)
  }

  it('reads an unlabelled 8-bit Latin-1 subject as Latin-1, not as Shift_JIS', async () => {
    const mail = await parse('error_emails/invalid_subject_characters.eml')
    expect(mail.subject).toBe('Formação FrenetikPolis: Mega Campanha Final Verão | Cursos de Setembro')
  })

  it('parses obsolete dates with comments and spaces, and drops impossible ones', async () => {
    expect((await parse('rfc2822/example13.eml')).date).toBe('1997-11-21T15:55:06.000Z')
    expect((await parse('rfc2822/example04.eml')).date).toBe('1969-02-14T03:02:54.000Z')
    expect((await parse('error_emails/bad_date_header.eml')).date).toBeUndefined()
    expect((await parse('error_emails/bad_date_header2.eml')).date).toBeUndefined()
    expect((await parse('plain_emails/raw_email_with_bad_date.eml')).date).toBeUndefined()
  })

  it('strips comments out of addresses', async () => {
    expect((await parse('rfc2822/example13.eml')).from?.address).toBe('jdoe@machine.example')
    expect((await parse('rfc2822/example10.eml')).from?.address).toBe('pete@silly.test')
  })

  it('collects references across repeated headers and drops an unterminated one', async () => {
    // "<invalid." is cut off by a line break without folding whitespace: the rest is garbage.
    const mail = await parse('error_emails/multiple_references_with_one_invalid.eml')
    expect(mail.references).toEqual(['<foo@bar.net>', '<baz@bar.net>'])
  })

  it('skips the empty entry in "To: , a@b, c@d"', async () => {
    const mail = await parse('error_emails/weird_to_header.eml')
    expect(mail.to.map((a) => a.address)).toEqual(['user-example@aol.com', 'e-s-a-s-2200@app.ar.com'])
  })

  it('derives text from an HTML-only message', async () => {
    const mail = await parse('error_emails/content_transfer_encoding_text-html.eml')
    expect(mail.html).toBeDefined()
    expect(mail.text).toMatch(/^Hello,\s/)
    expect(mail.text).not.toMatch(/<[a-z]/i)
  })

  it('gives a bounce whose only text is a mislabelled delivery-status part a body', async () => {
    const mail = await parse('multipart_report_emails/multipart_report_multiple_status.eml')
    expect(mail.text).toContain('This Message was undeliverable')
  })

  it('names attachments that have no name', async () => {
    const mail = await parse('attachment_emails/attachment_content_location.eml')
    expect(mail.attachments).toEqual([{ filename: 'image-1.jpg', contentType: 'image/jpeg', size: 227 }])
  })

  it('keeps every header with lower-cased keys and unfolded values', async () => {
    const mail = await parse('multi_charset/japanese_attachment_long_name.eml')
    expect(mail.headers.filter((h) => h.key === 'received')).toHaveLength(4)
    const subject = mail.headers.find((h) => h.key === 'subject')!.value
    expect(subject).not.toMatch(/[\r\n]/)
    expect(subject.startsWith('=?utf-8?B?')).toBe(true)
  })
})
