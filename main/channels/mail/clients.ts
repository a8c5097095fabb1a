// The IMAP and SMTP client libraries, loaded on first use: imapflow and nodemailer take a good
// part of a second to load on a slow machine, and a cold start needs neither before the first
// inbox page (mail is synced and sent after it).
import type { ImapFlow as ImapFlowClass } from 'imapflow'
import type Nodemailer from 'nodemailer'
import type MailComposerClass from 'nodemailer/lib/mail-composer'

let imapflow: Promise<typeof ImapFlowClass> | undefined
let nodemailer: Promise<typeof Nodemailer> | undefined
let mailComposer: Promise<typeof MailComposerClass> | undefined

/** The ImapFlow class. */
export function loadImapFlow(): Promise<typeof ImapFlowClass> {
  return (imapflow ??= import('imapflow').then((m) => m.ImapFlow))
}

/** nodemailer's default export (createTransport). */
export function loadNodemailer(): Promise<typeof Nodemailer> {
  return (nodemailer ??= import('nodemailer').then((m) => m.default))
}

/** nodemailer's MIME builder (what the outbox writes a reply with). */
export function loadMailComposer(): Promise<typeof MailComposerClass> {
  return (mailComposer ??= import('nodemailer/lib/mail-composer').then((m) => m.default))
}
