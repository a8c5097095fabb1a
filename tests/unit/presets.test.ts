// Provider presets: an address fills in the servers, the hint tells the seller what the
// provider needs, and the one list of servers that file sent mail themselves.
import { describe, expect, it } from 'vitest'
import { PRESETS, presetFor, savesSentMail } from '../../main/channels/mail/presets'

describe('provider presets', () => {
  it('fills in Gmail for gmail.com and googlemail.com, asking for an app password', () => {
    for (const address of ['aiko@gmail.com', 'aiko@googlemail.com', 'Aiko@GMAIL.com']) {
      expect(presetFor(address)).toMatchObject({
        id: 'gmail',
        imap: { host: 'imap.gmail.com', port: 993, tls: 'tls' },
        smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
        auth: 'app-password',
        savesSentMail: true,
      })
    }
    expect(presetFor('aiko@gmail.com')?.hint).toContain('myaccount.google.com/apppasswords')
  })

  it('sends Outlook.com, Hotmail and Live addresses to outlook.office365.com, signing in with OAuth2', () => {
    for (const address of ['a@outlook.com', 'a@hotmail.com', 'a@live.com', 'a@hotmail.co.jp', 'a@outlook.jp']) {
      expect(presetFor(address)).toMatchObject({
        id: 'outlook',
        imap: { host: 'outlook.office365.com', port: 993, tls: 'tls' },
        smtp: { port: 587, tls: 'starttls' },
        auth: 'oauth2',
      })
    }
  })

  it('tells Yahoo! JAPAN from Yahoo Mail: other servers, other sign-in', () => {
    expect(presetFor('shop@yahoo.co.jp')).toMatchObject({
      id: 'yahoo-japan',
      imap: { host: 'imap.mail.yahoo.co.jp', port: 993, tls: 'tls' },
      smtp: { host: 'smtp.mail.yahoo.co.jp', port: 465, tls: 'tls' },
    })
    expect(presetFor('shop@yahoo.com')).toMatchObject({ id: 'yahoo', imap: { host: 'imap.mail.yahoo.com' } })
    expect(presetFor('shop@ymail.com')?.id).toBe('yahoo')
  })

  it('knows iCloud under me.com and mac.com too, logging in to IMAP with the name before the @', () => {
    for (const address of ['a@icloud.com', 'a@me.com', 'a@mac.com']) {
      expect(presetFor(address)).toMatchObject({
        id: 'icloud',
        imap: { host: 'imap.mail.me.com', port: 993, tls: 'tls' },
        smtp: { host: 'smtp.mail.me.com', port: 587, tls: 'starttls' },
        user: { imap: 'local-part', smtp: 'address' },
        auth: 'app-password',
      })
    }
  })

  it('covers Fastmail, GMX (both services), AOL and Zoho', () => {
    expect(presetFor('a@fastmail.com')?.imap.host).toBe('imap.fastmail.com')
    expect(presetFor('a@gmx.de')?.imap.host).toBe('imap.gmx.net')
    expect(presetFor('a@gmx.com')?.imap.host).toBe('imap.gmx.com')
    expect(presetFor('a@aol.com')?.smtp).toEqual({ host: 'smtp.aol.com', port: 465, tls: 'tls' })
    expect(presetFor('a@zoho.com')?.imap.host).toBe('imap.zoho.com')
    expect(presetFor('a@zoho.jp')?.imap.host).toBe('imap.zoho.jp')
  })

  it('answers null for a domain it does not know, a subdomain of a known one, or no address at all', () => {
    expect(presetFor('info@aiko-teaware.example')).toBeNull()
    expect(presetFor('a@mail.gmail.com')).toBeNull()
    expect(presetFor('gmail.com')).toBeNull()
    expect(presetFor('')).toBeNull()
  })

  it('has for every preset encrypted servers, a hint, and each domain only once', () => {
    const seen = new Set<string>()
    for (const p of PRESETS) {
      expect(p.imap.tls, p.id).not.toBe('none')
      expect(p.smtp.tls, p.id).not.toBe('none')
      expect(p.hint.length, p.id).toBeGreaterThan(10)
      expect(p.hint, p.id).not.toContain('\n')
      for (const d of p.domains) {
        expect(d, p.id).toBe(d.toLowerCase())
        expect(seen.has(d), d).toBe(false)
        seen.add(d)
      }
    }
  })

  it('lists the SMTP servers that file sent mail themselves, by host, aliases included', () => {
    expect(savesSentMail('smtp.gmail.com')).toBe(true)
    expect(savesSentMail('SMTP.GMAIL.COM.')).toBe(true)
    expect(savesSentMail('smtp.googlemail.com')).toBe(true)
    expect(savesSentMail('smtp-mail.outlook.com')).toBe(true)
    // Microsoft 365 on a custom domain submits through the same service.
    expect(savesSentMail('smtp.office365.com')).toBe(true)
    expect(savesSentMail('smtp.mail.me.com')).toBe(false)
    expect(savesSentMail('smtp.mail.yahoo.co.jp')).toBe(false)
    expect(savesSentMail('127.0.0.1')).toBe(false)
  })
})
