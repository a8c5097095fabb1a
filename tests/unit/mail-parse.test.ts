// The MIME layer on hand-made messages: Japanese encodings byte for byte, charset fallbacks,
// hostile input, HTML-only mail and snippets. Japanese bytes are constants derived with
// Python's codecs and checked with iconv (CP932 for Shift_JIS, the table WHATWG uses).
import { describe, expect, it } from 'vitest'
import { htmlToText, parseMail, parseMailDate, snippetOf } from '../../main/channels/mail/parse'

/** A message from header lines (ASCII) and a body given as bytes or ASCII text. */
function message(headers: string[], body: Buffer | string = ''): Buffer {
  const head = Buffer.from(headers.join('\r\n') + '\r\n\r\n', 'latin1')
  return Buffer.concat([head, typeof body === 'string' ? Buffer.from(body, 'latin1') : body])
}

const hex = (h: string): Buffer => Buffer.from(h, 'hex')
const b64 = (s: string): Buffer => Buffer.from(s, 'base64')

describe('Japanese encodings', () => {
  it('decodes an ISO-2022-JP body with an RFC 2047 ISO-2022-JP subject and sender name', async () => {
    // "山田様\r\n\r\nご注文ありがとうございます。\r\n本日、商品を発送いたしました。\r\n" in ISO-2022-JP
    const body = b64(
      'GyRCOzNFRE1NGyhCDQoNChskQiQ0Q21KOCQiJGokLCRIJCYkNCQ2JCQkXiQ5ISMbKEINChskQktcRnwhIj4mSUokckgvQXckJCQ/JDckXiQ3JD8hIxsoQg0K',
    )
    const mail = await parseMail(
      message(
        [
          'From: =?ISO-2022-JP?B?GyRCOzNFRBsoQiAbJEIyVjtSGyhC?= <hanako@example.jp>',
          'To: shop@example.com',
          'Subject: =?ISO-2022-JP?B?GyRCJDRDbUo4JE5IL0F3JEskRCQkJEYbKEI=?=',
          'Date: Mon, 16 Nov 2026 09:00:00 +0900',
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=ISO-2022-JP',
          'Content-Transfer-Encoding: 7bit',
        ],
        body,
      ),
    )
    expect(mail.subject).toBe('ご注文の発送について')
    expect(mail.from).toEqual({ name: '山田 花子', address: 'hanako@example.jp' })
    expect(mail.text).toBe('山田様\n\nご注文ありがとうございます。\n本日、商品を発送いたしました。')
    expect(mail.date).toBe('2026-11-16T00:00:00.000Z')
  })

  it('decodes a quoted-printable Shift_JIS body, 0x5C trail bytes and a character split by a soft break included', async () => {
    // "在庫切れのお知らせ\r\nお待たせして申し訳ございません。\r\nソフトの表示も確認。\r\n" in CP932, QP-encoded
    const qp = [
      '=8D=DD=8C=C9=90=D8=82=EA=82=CC=82=A8=92m=82=E7=82=B9',
      '=82=A8=91=D2=82=BD=82=B9=82=B5=82=C4=90\\=82=B5=96=F3=82=B2=82=B4=82=A2=82=',
      '=DC=82=B9=82=F1=81B',
      '=83\\=83t=83g=82=CC=95\\=8E=A6=82=E0=8Am=94F=81B',
      '',
    ].join('\r\n')
    const mail = await parseMail(
      message(
        [
          'From: a@example.jp',
          'Subject: stock',
          'Content-Type: text/plain; charset=Shift_JIS',
          'Content-Transfer-Encoding: quoted-printable',
        ],
        qp,
      ),
    )
    expect(mail.text).toBe('在庫切れのお知らせ\nお待たせして申し訳ございません。\nソフトの表示も確認。')
  })

  it('decodes a base64 EUC-JP body', async () => {
    // "お問い合わせありがとうございます。\r\n返品について確認いたします。\r\n" in EUC-JP
    const body = 'pKrM5KSkueek76S7pKKk6qSspMikpqS0pLakpKTepLmhow0KytbJyqTLpMSkpKTGs87Hp6SkpL+kt6TepLmhow0K'
    const mail = await parseMail(
      message(
        [
          'From: a@example.jp',
          'Subject: returns',
          'Content-Type: text/plain; charset=EUC-JP',
          'Content-Transfer-Encoding: base64',
        ],
        body + '\r\n',
      ),
    )
    expect(mail.text).toBe('お問い合わせありがとうございます。\n返品について確認いたします。')
  })

  it('decodes Japanese attachment names: RFC 2231 UTF-8, RFC 2047 ISO-2022-JP and Shift_JIS, and raw 8-bit Shift_JIS', async () => {
    const part = (disposition: string | Buffer, type = 'application/pdf'): Buffer =>
      Buffer.concat([
        Buffer.from(`--b\r\nContent-Type: ${type}\r\nContent-Transfer-Encoding: base64\r\n`, 'latin1'),
        typeof disposition === 'string' ? Buffer.from(disposition, 'latin1') : disposition,
        Buffer.from('\r\n\r\nJVBERi0xLjQK\r\n', 'latin1'),
      ])
    const raw = Buffer.concat([
      message(['From: a@example.jp', 'Subject: documents', 'Content-Type: multipart/mixed; boundary="b"']),
      Buffer.from('--b\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\r\nsee attached\r\n', 'latin1'),
      part("Content-Disposition: attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf"),
      part('Content-Disposition: attachment; filename="=?ISO-2022-JP?B?GyRCRzxJSj1xGyhCLnBkZg==?="'),
      part('Content-Disposition: attachment', 'application/vnd.ms-excel; name="=?Shift_JIS?B?jKmQz4+RLnhsc3g=?="'),
      // "発注書.pdf" written raw in Shift_JIS, as old Japanese mailers do
      part(
        Buffer.concat([
          Buffer.from('Content-Disposition: attachment; filename="'),
          hex('94ad928d8f912e706466'),
          Buffer.from('"'),
        ]),
      ),
      Buffer.from('--b--\r\n', 'latin1'),
    ])
    const mail = await parseMail(raw)
    expect(mail.attachments).toEqual([
      { filename: '請求書.pdf', contentType: 'application/pdf', size: 9 },
      { filename: '納品書.pdf', contentType: 'application/pdf', size: 9 },
      { filename: '見積書.xlsx', contentType: 'application/vnd.ms-excel', size: 9 },
      { filename: '発注書.pdf', contentType: 'application/pdf', size: 9 },
    ])
    expect(mail.text).toBe('see attached')
  })

  it('sniffs an 8-bit Shift_JIS body and subject that declare no charset at all', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.jp\r\nSubject: ', 'latin1'),
      hex('94ad919782c982c282a282c48ebf96e2'), // 発送について質問
      Buffer.from('\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      // 発送予定日を教えてください。\r\nよろしくお願いします。\r\n
      hex(
        '94ad9197975c92e893fa82f08bb382a682c482ad82be82b382a281420d0a82e682eb82b582ad82a88ae882a282b582dc82b781420d0a',
      ),
    ])
    const mail = await parseMail(raw)
    expect(mail.subject).toBe('発送について質問')
    expect(mail.text).toBe('発送予定日を教えてください。\nよろしくお願いします。')
    expect(mail.headers.find((h) => h.key === 'subject')?.value).toBe('発送について質問')
  })

  it('sniffs an unlabelled 8-bit EUC-JP body', async () => {
    const raw = message(
      ['From: a@example.jp', 'Subject: x'],
      hex('a4b3a4f3a4cba4c1a4cfa1a2cad6c9caa4b7a4bfa4a4a4c7a4b9a1a30a'),
    )
    expect((await parseMail(raw)).text).toBe('こんにちは、返品したいです。')
  })

  it('reads raw ISO-2022-JP (escape sequences, no RFC 2047, no charset) in the subject and body', async () => {
    const jis = b64('GyRCJDRDbUo4JE5IL0F3JEskRCQkJEYbKEI=') // ご注文の発送について
    const raw = Buffer.concat([Buffer.from('From: a@example.jp\r\nSubject: '), jis, Buffer.from('\r\n\r\n'), jis])
    const mail = await parseMail(raw)
    expect(mail.subject).toBe('ご注文の発送について')
    expect(mail.text).toBe('ご注文の発送について')
  })

  it('reads 8-bit Shift_JIS mislabelled as ISO-2022-JP as Shift_JIS', async () => {
    const raw = message(
      ['From: a@example.jp', 'Subject: x', 'Content-Type: text/plain; charset=iso-2022-jp'],
      hex('94ad919782c982c282a282c48ebf96e2'),
    )
    expect((await parseMail(raw)).text).toBe('発送について質問')
  })

  it('takes the charset of an HTML part from its <meta> when MIME gives none', async () => {
    const raw = message(
      ['From: a@example.jp', 'Subject: x', 'Content-Type: text/html'],
      Buffer.concat([
        Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"></head><body>'),
        hex('3c703e82a893cd82af93fa82cc82b288c493e03c2f703e'), // <p>お届け日のご案内</p>
        Buffer.from('</body></html>'),
      ]),
    )
    const mail = await parseMail(raw)
    expect(mail.text).toBe('お届け日のご案内')
    expect(mail.html).toContain('<p>お届け日のご案内</p>')
  })
})

describe('charset fallbacks', () => {
  it('reads unlabelled 8-bit windows-1252 as windows-1252', async () => {
    const raw = message(['From: a@example.com', 'Subject: x'], hex('436166e92064e96ae0207675209620936f6b940a'))
    expect((await parseMail(raw)).text).toBe('Café déjà vu – “ok”')
  })

  it('sniffs the text of a charset nobody knows instead of dropping it', async () => {
    const utf8 = message(
      ['From: a@b.c', 'Subject: x', 'Content-Type: text/plain; charset=x-unknown'],
      Buffer.from('Grüße 😀'),
    )
    expect((await parseMail(utf8)).text).toBe('Grüße 😀')
    const latin = message(
      ['From: a@b.c', 'Subject: x', 'Content-Type: text/plain; charset="klingon-8"'],
      hex('436166e9'),
    )
    expect((await parseMail(latin)).text).toBe('Café')
  })

  it('reads UTF-8 labelled us-ascii or iso-8859-1 as UTF-8', async () => {
    for (const charset of ['us-ascii', 'iso-8859-1']) {
      const raw = message(
        ['From: a@b.c', 'Subject: x', `Content-Type: text/plain; charset=${charset}`],
        Buffer.from('Grüße aus Köln'),
      )
      expect((await parseMail(raw)).text).toBe('Grüße aus Köln')
    }
  })

  it('keeps windows-1252 punctuation that Node 20 decodes to C1 controls, in body, subject and names', async () => {
    const raw = message(
      [
        'From: =?iso-8859-1?Q?Ren=E9_=93R=94?= <r@example.com>',
        'Subject: =?iso-8859-1?Q?=93Quote=94_=96_10=80?=',
        'Content-Type: text/plain; charset=iso-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
      ],
      '=93Hello=94 =96 it=92s 10=80\r\n',
    )
    const mail = await parseMail(raw)
    expect(mail.subject).toBe('“Quote” – 10€')
    expect(mail.from).toEqual({ name: 'René “R”', address: 'r@example.com' })
    expect(mail.text).toBe('“Hello” – it’s 10€')
  })

  it('keeps genuine Latin-1 labelled iso-8859-1 as Latin-1', async () => {
    const raw = message(['From: a@b.c', 'Subject: x', 'Content-Type: text/plain; charset=iso-8859-1'], hex('436166e9'))
    expect((await parseMail(raw)).text).toBe('Café')
  })

  it('keeps a broken encoded word as text and decodes the good ones around it', async () => {
    const raw = message(['From: a@b.c', 'Subject: =?UTF-8?B?5L2Q6Jek?= san =?utf-8?Q?broken'], 'x')
    expect((await parseMail(raw)).subject).toBe('佐藤 san =?utf-8?Q?broken')
  })

  it('reads a message with bare LF line endings', async () => {
    const raw =
      'From: Ann <ann@example.com>\nSubject: LF only\nContent-Type: text/plain; charset=utf-8\n\nline one\nline two\n'
    const mail = await parseMail(raw)
    expect(mail.subject).toBe('LF only')
    expect(mail.text).toBe('line one\nline two')
    expect(mail.from).toEqual({ name: 'Ann', address: 'ann@example.com' })
  })
})

describe('hostile and broken input', () => {
  /** Deterministic noise, NULs and all. */
  function noise(size: number): Buffer {
    const out = Buffer.alloc(size)
    let x = 0x2545f491
    for (let i = 0; i < size; i++) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      out[i] = x & 0xff
    }
    return out
  }

  async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now()
    const value = await run()
    return { value, ms: performance.now() - started }
  }

  it('flags empty input as unreadable', async () => {
    for (const raw of [Buffer.alloc(0), '', '\r\n\r\n']) {
      const mail = await parseMail(raw)
      expect(mail.unreadable).toBe('The message is empty.')
      expect(mail).toMatchObject({ subject: '', text: '', attachments: [], headers: [] })
    }
  })

  it('flags a binary blob as unreadable', async () => {
    const mail = await parseMail(noise(64 * 1024))
    expect(mail.unreadable).toMatch(/does not look like an e-mail/)
  })

  it('reads a message that is all headers and no body', async () => {
    const mail = await parseMail('From: a@example.com\r\nSubject: only headers')
    expect(mail).toMatchObject({ subject: 'only headers', from: { address: 'a@example.com' }, text: '' })
    expect(mail.unreadable).toBeUndefined()
  })

  it('reads a 5 MB body in reasonable time', async () => {
    const line = 'The quick brown fox jumps over the lazy dog, again and again and again.\r\n'
    const body = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))
    const { value: mail, ms } = await timed(() => parseMail(message(['From: a@b.c', 'Subject: big'], body)))
    expect(mail.text.length).toBeGreaterThan(5_000_000)
    expect(snippetOf(mail.text)).toMatch(/^The quick brown fox/)
    expect(ms).toBeLessThan(5000)
  })

  it('turns 5 MB of HTML, and 1 MB of unclosed tags and comments, into text in reasonable time', async () => {
    const html = '<div><p>Order <b>#123</b> shipped&nbsp;today.</p><br></div>'.repeat(90_000)
    const { value: mail, ms } = await timed(() =>
      parseMail(message(['From: a@b.c', 'Subject: big html', 'Content-Type: text/html; charset=utf-8'], html)),
    )
    expect(mail.text.startsWith('Order #123 shipped today.\n\nOrder #123')).toBe(true)
    expect(ms).toBeLessThan(5000)
    const hostile = '<style><!--<a<b'.repeat(70_000) + ' tail text'
    const started = performance.now()
    expect(htmlToText(hostile)).toContain('tail text')
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('marks 2,000 nested multiparts unreadable but keeps the sender and subject', async () => {
    let raw = 'From: Nest <nest@example.com>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n'
    for (let i = 0; i < 2000; i++) raw += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`
    raw += 'Content-Type: text/plain\r\n\r\nhello\r\n'
    const { value: mail, ms } = await timed(() => parseMail(raw))
    expect(mail.unreadable).toMatch(/nested too deeply/)
    expect(mail).toMatchObject({ subject: 'deep', from: { name: 'Nest', address: 'nest@example.com' } })
    expect(ms).toBeLessThan(5000)
  })

  it('reads a multipart with 10,000 sibling parts in reasonable time', async () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join(
      '',
    )
    const { value: mail, ms } = await timed(() =>
      parseMail(
        message(['From: a@b.c', 'Subject: wide', 'Content-Type: multipart/mixed; boundary=b'], parts + '--b--\r\n'),
      ),
    )
    expect(mail.text).toMatch(/^part 0\n+part 1\n/)
    expect(ms).toBeLessThan(5000)
  })

  it('keeps the subject of a message whose headers are over the 2 MB limit', async () => {
    const raw = `From: a@b.c\r\nX-Junk: ${'x'.repeat(3 * 1024 * 1024)}\r\nSubject: after the junk\r\n\r\nbody\r\n`
    const mail = await parseMail(raw)
    expect(mail.unreadable).toMatch(/headers are too large/)
    expect(mail.subject).toBe('after the junk')
  })

  it('keeps a text file without any headers as text', async () => {
    const mail = await parseMail('Just a note\nwith two lines\n\nand a paragraph')
    expect(mail.unreadable).toBeUndefined()
    expect(mail.text).toBe('Just a note\nwith two lines\n\nand a paragraph')
  })

  it('names an attachment as a label, never a path', async () => {
    const raw = message(
      ['From: a@b.c', 'Subject: x', 'Content-Type: multipart/mixed; boundary=b'],
      '--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="../../etc/passwd"\r\n\r\nx\r\n--b--\r\n',
    )
    expect((await parseMail(raw)).attachments[0]?.filename).toBe('passwd')
  })
})

describe('dates', () => {
  it('reads RFC 5322 dates, obsolete forms included, as UTC', () => {
    expect(parseMailDate('Wed, 28 May 2014 17:18:19 +0900 (JST)')).toBe('2014-05-28T08:18:19.000Z')
    expect(parseMailDate('21 Nov 97 09:55:06 GMT')).toBe('1997-11-21T09:55:06.000Z')
    expect(parseMailDate('Wed, 9 Jan 2002 19:47:50 MST')).toBe('2002-01-10T02:47:50.000Z')
    expect(parseMailDate('Mon, 16 Nov 2026 09:00 JST')).toBe('2026-11-16T00:00:00.000Z')
    expect(parseMailDate('2026-11-16T09:00:00+09:00')).toBe('2026-11-16T00:00:00.000Z')
  })

  it('refuses dates that do not exist or cannot be read', () => {
    for (const bad of [
      '',
      'Thu,',
      '<HR>',
      'Mon, 31 Feb 2025 10:00:00 +0000',
      'Wed, 15 Dec 2010    59:10 -0500',
      'tomorrow',
    ]) {
      expect(parseMailDate(bad)).toBeUndefined()
    }
  })
})

describe('HTML to text', () => {
  it('keeps paragraphs and line breaks, lists and quotes, and drops scripts and styles', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style></head><body>
      <div dir="ltr">Hello Aiko,<div><br></div><div>Thanks for the order.</div></div>
      <p>Items:</p><ul><li>Tea cup</li><li>Tea &amp; pot</li></ul>
      <script>alert(1)</script>
      <blockquote>Where is my parcel?<br>Sato</blockquote><p>Bye&nbsp;&#x1F375;</p></body></html>`
    expect(htmlToText(html)).toBe(
      'Hello Aiko,\n\nThanks for the order.\n\nItems:\n\n- Tea cup\n- Tea & pot\n\n> Where is my parcel?\n> Sato\n\nBye 🍵',
    )
  })

  it('keeps the text after a style that never closes', () => {
    expect(htmlToText('<style>p {}</p><p>Order shipped</p>')).toContain('Order shipped')
  })
})

describe('snippets', () => {
  it('is one line of the new text: quotes, attribution and signature dropped', () => {
    const text =
      'Thanks, it arrived!\n\nOn Mon, 16 Nov 2026, Shop <shop@example.com> wrote:\n> Your order shipped.\n> Bye\n\n-- \nSato\n090-1234-5678'
    expect(snippetOf(text)).toBe('Thanks, it arrived!')
  })

  it('drops Japanese attributions and Outlook history too', () => {
    expect(snippetOf('了解です。\n2026年11月16日 9:00 ショップ <s@example.com>:のメッセージ:\n> 発送しました')).toBe(
      '了解です。',
    )
    expect(snippetOf('See below\n-----Original Message-----\nFrom: x')).toBe('See below')
  })

  it('falls back to the quoted text when there is nothing else', () => {
    expect(snippetOf('> only a quote\n> here')).toBe('only a quote here')
  })

  it('collapses whitespace and cuts at max characters without splitting an emoji', () => {
    expect(snippetOf('a  b\t\tc\n\nd')).toBe('a b c d')
    const cut = snippetOf('🍵'.repeat(200), 10)
    expect(Array.from(cut)).toHaveLength(10)
    expect(cut).toBe('🍵'.repeat(9) + '…')
    expect(snippetOf('x'.repeat(500))).toHaveLength(140)
  })
})
