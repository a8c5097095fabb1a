import { describe, expect, it } from 'vitest'
import type { AccountView, MailPreset } from '../../../../preload/api'
import {
  applyPreset,
  certificateCurrent,
  checkForm,
  emptyForm,
  fieldOfIssue,
  formFromAccount,
  serversChanged,
  setField,
  toAccountInput,
  toAccountUpdate,
  type AccountForm,
} from './accountForm'

const ICLOUD: MailPreset = {
  id: 'icloud',
  name: 'iCloud Mail',
  domains: ['icloud.com'],
  imap: { host: 'imap.mail.me.com', port: 993, tls: 'tls' },
  smtp: { host: 'smtp.mail.me.com', port: 587, tls: 'starttls' },
  user: { imap: 'local-part', smtp: 'address' },
  savesSentMail: false,
  auth: 'app-password',
  hint: 'iCloud needs an app-specific password.',
}

const SAVED: AccountView = {
  id: 'acc_1',
  label: 'Shop mail',
  kind: 'imap',
  address: 'shop@example.jp',
  imap: { host: 'mail.example.jp', port: 993, tls: 'tls', user: 'shop@example.jp' },
  smtp: { host: 'mail.example.jp', port: 465, tls: 'tls', user: 'shop@example.jp', trustedCertSha256: 'AA:BB' },
  hasSecret: true,
}

function typed(form: AccountForm, values: Partial<Record<Parameters<typeof setField>[1], string>>): AccountForm {
  return Object.entries(values).reduce((f, [field, value]) => setField(f, field as never, value), form)
}

describe('the account form', () => {
  it('fills the user names from the address until the seller types one', () => {
    let form = typed(emptyForm(), { address: 'aiko@shop.example' })
    expect(form.imap.user).toBe('aiko@shop.example')
    expect(form.smtp.user).toBe('aiko@shop.example')
    form = typed(form, { 'smtp.user': 'aiko', address: 'aiko@tea.example' })
    expect(form.imap.user).toBe('aiko@tea.example')
    expect(form.smtp.user).toBe('aiko')
  })

  it('takes a provider preset’s servers and user-name rule, but never over what the seller typed', () => {
    let form = typed(emptyForm(), { address: 'aiko@icloud.com', 'smtp.port': '2525' })
    form = applyPreset(form, ICLOUD)
    expect(form.imap).toMatchObject({ host: 'imap.mail.me.com', port: '993', tls: 'tls', user: 'aiko' })
    expect(form.smtp).toMatchObject({
      host: 'smtp.mail.me.com',
      port: '2525',
      tls: 'starttls',
      user: 'aiko@icloud.com',
    })
  })

  it('moves a port still at the usual one along with the security, and leaves a chosen port alone', () => {
    let form = typed(emptyForm(), { 'imap.tls': 'starttls', 'smtp.port': '10025' })
    expect(form.imap.port).toBe('143')
    form = typed(form, { 'smtp.tls': 'starttls' })
    expect(form.smtp.port).toBe('10025')
  })

  it('forgets a trusted certificate when the server it was trusted for changes', () => {
    let form = formFromAccount(SAVED)
    expect(form.smtp.trustedCertSha256).toBe('AA:BB')
    form = typed(form, { 'smtp.user': 'other' })
    expect(form.smtp.trustedCertSha256).toBe('AA:BB')
    form = typed(form, { 'smtp.host': 'smtp.example.jp' })
    expect(form.smtp.trustedCertSha256).toBeUndefined()
  })

  it('says what is missing before asking the engine, field by field', () => {
    expect(checkForm(typed(emptyForm(), { address: 'aiko' }), false)).toEqual([
      { field: 'address', problem: 'email' },
      { field: 'password', problem: 'secret' },
      { field: 'imap.host', problem: 'required' },
      { field: 'smtp.host', problem: 'required' },
    ])
    const editing = typed(formFromAccount(SAVED), { 'imap.port': '99999' })
    // A saved password makes a blank one fine.
    expect(checkForm(editing, true)).toEqual([{ field: 'imap.port', problem: 'port' }])
  })

  it('builds the request with the address as the label when none is given, and secrets only when typed', () => {
    const form = typed(emptyForm(), {
      address: ' aiko@shop.example ',
      password: 'secret',
      'imap.host': '127.0.0.1',
      'imap.port': '1143',
      'smtp.host': '127.0.0.1',
      'smtp.tls': 'starttls',
    })
    expect(toAccountInput(form)).toEqual({
      label: 'aiko@shop.example',
      address: 'aiko@shop.example',
      imap: { host: '127.0.0.1', port: 1143, tls: 'tls', user: 'aiko@shop.example' },
      smtp: { host: '127.0.0.1', port: 587, tls: 'starttls', user: 'aiko@shop.example' },
      password: 'secret',
    })
    const update = toAccountUpdate(formFromAccount(SAVED), SAVED.id)
    expect(update).not.toHaveProperty('password')
    expect(update).not.toHaveProperty('accessToken')
    expect(update).toMatchObject({ id: 'acc_1', label: 'Shop mail' })
  })

  it('knows whether the servers differ from the saved account', () => {
    expect(serversChanged(typed(formFromAccount(SAVED), { label: 'Renamed' }), SAVED)).toBe(false)
    expect(serversChanged(typed(formFromAccount(SAVED), { 'imap.port': '143' }), SAVED)).toBe(true)
  })

  it('puts an engine issue under the field it is about', () => {
    expect(fieldOfIssue('draft.imap.host')).toBe('imap.host')
    expect(fieldOfIssue('smtp.trustedCertSha256')).toBe('smtp.host')
    expect(fieldOfIssue('address')).toBe('address')
    expect(fieldOfIssue('folders.0')).toBeUndefined()
  })

  it('does not offer to trust a certificate outside its dates', () => {
    const cert = { validFrom: '2026-01-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }
    expect(certificateCurrent(cert, Date.parse('2026-06-01T00:00:00Z'))).toBe(true)
    expect(certificateCurrent(cert, Date.parse('2027-06-01T00:00:00Z'))).toBe(false)
  })
})
