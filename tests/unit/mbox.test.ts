// The file importers: an mbox split into its messages (LF and CRLF, mboxrd quoting, lines
// split across reads) and folders of .eml files, both yielding raw bytes only.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmlReadError, readEmlFiles } from '../../main/channels/import/eml'
import { readMbox } from '../../main/channels/import/mbox'
import { parseMail } from '../../main/channels/mail/parse'

let dir: string

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'mail-import-'))
})

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

/** Three messages as an mbox writer leaves them: From_ line, message, blank line. */
const MBOX_LINES = [
  'From sato@example.jp Mon Nov 16 09:00:00 2026',
  'From: Sato <sato@example.jp>',
  'Subject: first',
  'Message-ID: <m1@example.jp>',
  '',
  'Hello.',
  '',
  'From 1781234567890123456@xxx Tue Nov 17 10:00:00 +0000 2026',
  'From: shop@example.com',
  'Subject: second',
  'X-Gmail-Labels: Inbox',
  '',
  '>From the start of the week we ship daily.',
  '>>From an mboxrd writer: quoted twice.',
  '',
  'From the team, thanks.',
  '> a quote stays a quote',
  '',
  'From - Wed Nov 18 11:00:00 2026',
  'From: ito@example.jp',
  'Subject: third',
  '',
  'Last one, no blank line after it.',
]

async function writeMbox(name: string, eol: string, trailing = ''): Promise<string> {
  const path = join(dir, name)
  await fs.writeFile(path, MBOX_LINES.join(eol) + trailing)
  return path
}

async function collect(path: string, chunkSize?: number): Promise<string[]> {
  const out: string[] = []
  for await (const raw of readMbox(path, chunkSize ? { chunkSize } : {})) out.push(Buffer.from(raw).toString('utf8'))
  return out
}

describe('mbox', () => {
  it('splits three messages, drops the separators and un-escapes >From lines', async () => {
    const messages = await collect(await writeMbox('lf.mbox', '\n', '\n'))
    expect(messages).toEqual([
      'From: Sato <sato@example.jp>\nSubject: first\nMessage-ID: <m1@example.jp>\n\nHello.\n',
      'From: shop@example.com\nSubject: second\nX-Gmail-Labels: Inbox\n\n' +
        'From the start of the week we ship daily.\n>From an mboxrd writer: quoted twice.\n\n' +
        'From the team, thanks.\n> a quote stays a quote\n',
      'From: ito@example.jp\nSubject: third\n\nLast one, no blank line after it.\n',
    ])
  })

  it('keeps CRLF line endings and splits the same way', async () => {
    const messages = await collect(await writeMbox('crlf.mbox', '\r\n', '\r\n'))
    expect(messages).toHaveLength(3)
    expect(messages[1]).toContain('\r\n\r\nFrom the start of the week we ship daily.\r\n>From an mboxrd writer')
    expect(messages.every((m) => !m.includes('\n\n') && !m.endsWith('\r\n\r\n'))).toBe(true)
    const parsed = await Promise.all(messages.map((m) => parseMail(Buffer.from(m))))
    expect(parsed.map((m) => m.subject)).toEqual(['first', 'second', 'third'])
    expect(parsed[1]!.text).toBe(
      'From the start of the week we ship daily.\n>From an mboxrd writer: quoted twice.\n\nFrom the team, thanks.\n> a quote stays a quote',
    )
  })

  it('gives the same messages whatever the read size, lines split across reads included', async () => {
    for (const eol of ['\n', '\r\n']) {
      const path = await writeMbox(`chunks-${eol.length}.mbox`, eol)
      const whole = await collect(path)
      for (const chunkSize of [1, 2, 3, 7, 64]) expect(await collect(path, chunkSize)).toEqual(whole)
    }
  })

  it('streams a large mbox message by message', async () => {
    const path = join(dir, 'large.mbox')
    const handle = await fs.open(path, 'w')
    const body = 'line of a long body\n'.repeat(500)
    for (let i = 0; i < 2000; i++) {
      await handle.write(`From x@example.com Mon Nov 16 09:00:00 2026\nSubject: n${i}\n\n${body}\n`)
    }
    await handle.close()
    let count = 0
    let last = ''
    for await (const raw of readMbox(path, { chunkSize: 64 * 1024 })) {
      count++
      last = Buffer.from(raw.subarray(0, 20)).toString()
    }
    expect(count).toBe(2000)
    expect(last).toBe('Subject: n1999\n\nline')
  })

  it('keeps a file that does not start with a From line as one message', async () => {
    const path = join(dir, 'plain.mbox')
    await fs.writeFile(path, 'From: a@example.com\nSubject: not really an mbox\n\nbody\n')
    expect(await collect(path)).toEqual(['From: a@example.com\nSubject: not really an mbox\n\nbody\n'])
  })

  it('yields nothing for an empty file and throws Node’s error for a missing one', async () => {
    const empty = join(dir, 'empty.mbox')
    await fs.writeFile(empty, '')
    expect(await collect(empty)).toEqual([])
    await expect(collect(join(dir, 'nope.mbox'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('eml files and folders', () => {
  let root: string

  beforeAll(async () => {
    root = join(dir, 'export')
    await fs.mkdir(join(root, 'Inbox', 'Orders'), { recursive: true })
    await fs.writeFile(join(root, 'a.eml'), 'Subject: a\n\nA\n')
    await fs.writeFile(join(root, 'Inbox', 'b.EML'), 'Subject: b\n\nB\n')
    await fs.writeFile(join(root, 'Inbox', 'Orders', 'c.eml'), 'Subject: c\n\nC\n')
    await fs.writeFile(join(root, 'Inbox', '17'), 'Subject: mh\n\nMH-style message file\n')
    await fs.writeFile(join(root, 'notes.txt'), 'not mail')
    await fs.writeFile(join(root, 'README'), 'not mail either')
    await fs.writeFile(join(root, '.hidden.eml'), 'Subject: hidden\n\n')
    await fs.symlink(root, join(root, 'Inbox', 'loop')) // a symlink loop must not hang the import
  })

  async function sources(paths: string[]): Promise<{ source: string; text: string }[]> {
    const out: { source: string; text: string }[] = []
    for await (const m of readEmlFiles(paths)) out.push({ source: m.source, text: Buffer.from(m.raw).toString() })
    return out
  }

  it('reads a folder recursively, message files only, each once, in name order', async () => {
    expect(await sources([root])).toEqual([
      { source: join(root, 'Inbox', '17'), text: 'Subject: mh\n\nMH-style message file\n' },
      { source: join(root, 'Inbox', 'Orders', 'c.eml'), text: 'Subject: c\n\nC\n' },
      { source: join(root, 'Inbox', 'b.EML'), text: 'Subject: b\n\nB\n' },
      { source: join(root, 'a.eml'), text: 'Subject: a\n\nA\n' },
    ])
  })

  it('takes a file given by name whatever it is called, and no file twice', async () => {
    const found = await sources([join(root, 'notes.txt'), root, join(root, 'a.eml')])
    expect(found.map((f) => f.source)).toEqual([
      join(root, 'notes.txt'),
      join(root, 'Inbox', '17'),
      join(root, 'Inbox', 'Orders', 'c.eml'),
      join(root, 'Inbox', 'b.EML'),
      join(root, 'a.eml'),
    ])
  })

  it('throws Node’s error for a missing path', async () => {
    await expect(sources([join(dir, 'missing-folder')])).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('reads every good file of a folder before reporting the ones it could not read', async () => {
    const folder = join(dir, 'partly-broken')
    await fs.mkdir(folder)
    await fs.writeFile(join(folder, 'good.eml'), 'Subject: good\n\n')
    await fs.symlink(join(folder, 'gone.eml'), join(folder, 'dangling.eml'))
    const seen: string[] = []
    let error: unknown
    try {
      for await (const m of readEmlFiles([folder])) seen.push(m.source)
    } catch (err) {
      error = err
    }
    expect(seen).toEqual([join(folder, 'good.eml')])
    expect(error).toBeInstanceOf(EmlReadError)
    expect((error as EmlReadError).failures).toEqual([
      expect.objectContaining({ path: join(folder, 'dangling.eml'), code: 'ENOENT' }),
    ])
  })
})
