// Adding or editing a mail account: the address first (a known provider fills in its servers
// and says what it needs, such as an app password), then sign-in and servers. Save tests the
// connection first; the result says, per server, exactly what failed and what to do, and a
// certificate the computer does not trust is shown so the seller can choose to trust it.
// After a test the focus goes where the fix is: the Trust button, the password, the port…
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type {
  AccountTest,
  AccountView,
  Api,
  ConnectionCheck,
  MailPreset,
  RequestInput,
  ServerCertificate,
} from '../../../../preload/api'
import { formatDate, type Lang } from '../../app/i18n'
import { RequestError } from '../../app/transport'
import {
  applyPreset,
  certificateCurrent,
  checkForm,
  domainOf,
  emptyForm,
  fieldOfIssue,
  formFromAccount,
  serversChanged,
  setField,
  SERVERS,
  TLS_MODES,
  toAccountInput,
  toAccountUpdate,
  type AccountForm,
  type FieldName,
  type ServerName,
  type TlsMode,
} from './accountForm'
import { focusMarked } from './focus'
import { settingsWords } from './words'

interface Props {
  api: Api
  lang: Lang
  /** The account being edited; absent: a new one. */
  account?: AccountView
  onCancel(): void
  onSaved(account: AccountView): void
}

/** A test result belongs to the connection settings it was made with. */
function testKey(form: AccountForm): string {
  const input = toAccountInput(form)
  return JSON.stringify([input.imap, input.smtp, input.password ?? '', input.accessToken ?? ''])
}

export function AccountFormView({ api, lang, account, onCancel, onSaved }: Props) {
  const t = settingsWords(lang)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const [form, setForm] = useState<AccountForm>(() => (account ? formFromAccount(account) : emptyForm()))
  const [showProblems, setShowProblems] = useState(false)
  const [issues, setIssues] = useState<Partial<Record<FieldName, string>>>({})
  const [preset, setPreset] = useState<{ domain: string; preset: MailPreset | null } | null>(null)
  const [test, setTest] = useState<{ key: string; result: AccountTest } | null>(null)
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [needsPassword, setNeedsPassword] = useState(false)
  /** The `data-focus` key to focus once rendered (the render `moveFocus` asks for). */
  const focusWish = useRef<string | null>(null)
  const [, setFocusTurn] = useState(0)
  const moveFocus = (key: string) => {
    focusWish.current = key
    setFocusTurn((n) => n + 1)
  }
  // Certificate dates are judged against the time the form opened: minutes make no difference.
  const [now] = useState(() => Date.now())

  const hasSecret = account?.hasSecret ?? false
  const problems = checkForm(form, hasSecret)
  const key = testKey(form)
  const lastTest = test?.key === key ? test.result : null
  const passed = lastTest !== null && lastTest.imap.ok && lastTest.smtp.ok

  useEffect(() => {
    const first = root.current?.querySelector<HTMLElement>('input')
    first?.focus()
  }, [])

  useEffect(() => {
    if (focusWish.current === null) return
    focusMarked(root.current, focusWish.current)
    focusWish.current = null
  })

  // A known provider's servers, once the address has a domain; asked again only when it changes.
  const domain = domainOf(form.address)
  useEffect(() => {
    if (!/^[^.\s]+(\.[^.\s]+)+$/.test(domain)) return
    const timer = setTimeout(() => {
      // A preset depends on the domain alone.
      api.call('account.preset', { address: `@${domain}` }).then(
        (found) => {
          setPreset({ domain, preset: found })
          if (found) setForm((f) => (domainOf(f.address) === domain ? applyPreset(f, found) : f))
        },
        () => undefined,
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [api, domain])

  const change = (field: FieldName, value: string) => {
    setForm((f) => setField(f, field, value))
    setIssues(({ [field]: _, ...rest }) => rest)
    setNeedsPassword(false)
  }

  // What the last test says about each field, shown under it (where the focus goes to fix it).
  const testSays: Partial<Record<FieldName, string>> = {}
  for (const name of SERVERS) {
    const check = lastTest?.[name]
    if (!check || check.ok) continue
    const at = fixFieldOf(name, check, form)
    if (at) testSays[at] = [testSays[at], `${t.server[name]}: ${check.message}`].filter(Boolean).join('\n')
  }

  const problemOf = (field: FieldName): string | undefined => {
    const p = showProblems ? problems.find((x) => x.field === field) : undefined
    return p ? t.problems[p.problem] : (issues[field] ?? testSays[field])
  }

  /** The form is complete enough to ask the engine; if not, the first problem gets the focus. */
  const complete = (): boolean => {
    if (problems.length === 0) return true
    setShowProblems(true)
    moveFocus(`field:${problems[0]!.field}`)
    return false
  }

  const failWith = (e: unknown, prefix: string) => {
    const message = e instanceof Error ? e.message : String(e)
    const found: Partial<Record<FieldName, string>> = {}
    if (e instanceof RequestError) {
      for (const issue of e.error.issues ?? []) {
        const field = fieldOfIssue(issue.path)
        if (field && !found[field]) found[field] = issue.message
      }
    }
    setIssues(found)
    setError(`${prefix} ${message}`)
    const first = Object.keys(found)[0]
    moveFocus(first ? `field:${first}` : 'error')
  }

  /** Tests `f`; 'skipped' when it cannot be tested (changed servers, saved password not typed again). */
  const runTest = async (f: AccountForm): Promise<AccountTest | 'skipped' | null> => {
    setError(null)
    setNeedsPassword(false)
    let request: RequestInput<'account.test'>
    if (account && f.password === '' && f.accessToken.trim() === '') {
      // The contract tests a draft with the secret in it, or the saved account as saved.
      if (serversChanged(f, account)) {
        setNeedsPassword(true)
        return 'skipped'
      }
      request = { id: account.id }
    } else {
      request = { draft: toAccountInput(f) }
    }
    setBusy('testing')
    try {
      const result = await api.call('account.test', request)
      // This form sets up mail accounts; marketplace API accounts are tested in their own form.
      if (!('imap' in result)) return null
      setTest({ key: testKey(f), result })
      return result
    } catch (e) {
      failWith(e, t.couldNotTest)
      return null
    } finally {
      setBusy(null)
    }
  }

  const canTrust = (f: AccountForm, name: ServerName, c: ServerCertificate) =>
    certificateCurrent(c, now) && f[name].trustedCertSha256 !== c.sha256

  /** After a test: the focus goes to what fixes the first problem, or to Save when all is well. */
  const focusAfter = (f: AccountForm, result: AccountTest) => {
    const failures = SERVERS.map((name) => ({ name, check: result[name] })).filter(
      (x): x is { name: ServerName; check: Extract<ConnectionCheck, { ok: false }> } => !x.check.ok,
    )
    const untrusted = failures.find((x) => x.check.certificate && canTrust(f, x.name, x.check.certificate))
    if (untrusted) return moveFocus(`trust:${untrusted.name}`)
    const first = failures[0]
    if (!first) return moveFocus('save')
    const field = fixFieldOf(first.name, first.check, f)
    moveFocus(field ? `field:${field}` : 'result')
  }

  const onTest = async () => {
    if (busy || !complete()) return
    const result = await runTest(form)
    if (result && result !== 'skipped') focusAfter(form, result)
  }

  const onTrust = async (name: ServerName, certificate: ServerCertificate) => {
    if (busy) return
    const next = { ...form, [name]: { ...form[name], trustedCertSha256: certificate.sha256 } }
    setForm(next)
    const result = await runTest(next)
    if (result && result !== 'skipped') focusAfter(next, result)
  }

  const save = async () => {
    setBusy('saving')
    setError(null)
    try {
      const saved = account
        ? await api.call('account.update', toAccountUpdate(form, account.id))
        : await api.call('account.add', toAccountInput(form))
      onSaved(saved)
    } catch (e) {
      setBusy(null)
      failWith(e, account ? t.couldNotSave : t.couldNotAdd)
    }
  }

  const onSubmit = async () => {
    if (busy || !complete()) return
    // A failed test the seller has seen: "Save anyway" saves. No test yet: test first.
    if (lastTest === null) {
      const result = await runTest(form)
      if (result === null) return
      if (result !== 'skipped' && !(result.imap.ok && result.smtp.ok)) return focusAfter(form, result)
    }
    await save()
  }

  const untrust = (name: ServerName) => {
    setForm((f) => {
      const server = { ...f[name] }
      delete server.trustedCertSha256
      return { ...f, [name]: server }
    })
    moveFocus(`field:${name}.host`)
  }

  const field = (name: FieldName, label: string, input: ReactNode, help?: ReactNode) => {
    const problem = problemOf(name)
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {input}
        {problem && (
          <p className="field-error" id={`${id}-${name}-error`}>
            {problem}
          </p>
        )}
        {help && (
          <p className="field-help" id={`${id}-${name}-help`}>
            {help}
          </p>
        )}
      </div>
    )
  }

  const inputProps = (name: FieldName, hasHelp = false) => {
    const problem = problemOf(name)
    const describedBy = [problem ? `${id}-${name}-error` : '', hasHelp ? `${id}-${name}-help` : '']
      .filter(Boolean)
      .join(' ')
    return {
      id: `${id}-${name}`,
      'data-focus': `field:${name}`,
      'aria-invalid': problem !== undefined,
      'aria-describedby': describedBy || undefined,
    }
  }

  const text = (name: Exclude<FieldName, `${ServerName}.tls`>, value: string, extra: object = {}, hasHelp = false) => (
    <input
      {...inputProps(name, hasHelp)}
      value={value}
      spellCheck={false}
      autoComplete="off"
      onChange={(e) => change(name, e.target.value)}
      {...extra}
    />
  )

  const presetHelp =
    preset && preset.domain === domain ? (
      preset.preset ? (
        <>
          {/* Editing, nothing is filled in: the saved servers are the seller's. */}
          {!account && <strong>{t.presetFound(preset.preset.name)}</strong>} <span lang="en">{preset.preset.hint}</span>
        </>
      ) : (
        t.presetNone(domain)
      )
    ) : (
      t.addressHelp
    )

  return (
    <div
      ref={root}
      className="account-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.preventDefault()
          onCancel()
        }
      }}
    >
      <h3 className="form-title">{account ? t.editTitle(account.label) : t.addTitle}</h3>
      <p className="field-help">{t.formHelp}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void onSubmit()
        }}
      >
        <fieldset className="form-group">
          <legend>{t.accountGroup}</legend>
          {field(
            'address',
            t.address,
            text('address', form.address, { type: 'email', inputMode: 'email' }, true),
            <span aria-live="polite">{presetHelp}</span>,
          )}
          {field('label', t.label, text('label', form.label, { placeholder: form.address.trim() }, true), t.labelHelp)}
          {field(
            'displayName',
            t.displayName,
            text('displayName', form.displayName, { autoComplete: 'name' }, true),
            t.displayNameHelp,
          )}
        </fieldset>

        <fieldset className="form-group">
          <legend>{t.signInGroup}</legend>
          {field(
            'password',
            t.password,
            text('password', form.password, { type: 'password', autoComplete: 'new-password' }, !!account),
            account ? (hasSecret ? t.passwordKeep : t.passwordNone) : undefined,
          )}
          {field(
            'accessToken',
            t.accessToken,
            text('accessToken', form.accessToken, { type: 'password', autoComplete: 'off' }, true),
            account ? `${t.accessTokenHelp} ${t.accessTokenKeep}` : t.accessTokenHelp,
          )}
        </fieldset>

        {SERVERS.map((name) => (
          <fieldset key={name} className="form-group server-group">
            <legend>{t.server[name]}</legend>
            <div className="server-fields">
              {field(`${name}.host`, t.host, text(`${name}.host`, form[name].host, { className: 'input-host' }))}
              {field(
                `${name}.port`,
                t.port,
                text(`${name}.port`, form[name].port, { inputMode: 'numeric', className: 'input-narrow' }),
              )}
              {field(
                `${name}.tls`,
                t.security,
                <select
                  {...inputProps(`${name}.tls`)}
                  value={form[name].tls}
                  onChange={(e) => change(`${name}.tls`, e.target.value as TlsMode)}
                >
                  {TLS_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t.tls[mode]}
                    </option>
                  ))}
                </select>,
              )}
              {field(`${name}.user`, t.user, text(`${name}.user`, form[name].user))}
            </div>
            {form[name].trustedCertSha256 && (
              <p className="trusted-cert">
                {t.trusted} <code>{form[name].trustedCertSha256}</code>{' '}
                <button type="button" className="link" onClick={() => untrust(name)}>
                  {t.untrust}
                </button>
              </p>
            )}
          </fieldset>
        ))}

        <div aria-live="polite">
          {busy === 'testing' && <p className="muted">{t.testing}</p>}
          {needsPassword && <p className="field-error">{t.testNeedsPassword}</p>}
          {test && busy !== 'testing' && (
            <TestResults
              lang={lang}
              result={test.result}
              passed={test.result.imap.ok && test.result.smtp.ok}
              now={now}
              canTrust={(name, c) => canTrust(form, name, c)}
              onTrust={(name, c) => void onTrust(name, c)}
            />
          )}
          {showProblems && problems.length > 0 && <p className="field-error">{t.checkFields}</p>}
          {error && (
            <p role="alert" className="field-error" tabIndex={-1} data-focus="error">
              {error}
            </p>
          )}
        </div>

        <div className="form-buttons">
          <button type="button" className="secondary" aria-disabled={busy !== null} onClick={() => void onTest()}>
            {busy === 'testing' ? t.testing : t.test}
          </button>
          <button type="submit" className="primary" data-focus="save" aria-disabled={busy !== null}>
            {busy === 'saving' ? t.saving : lastTest && !passed ? t.saveAnyway : t.save}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </div>
  )
}

/** The field that fixes a failed check: the password for a refused login, the port for a closed one… */
function fixFieldOf(
  name: ServerName,
  check: Extract<ConnectionCheck, { ok: false }>,
  form: AccountForm,
): FieldName | null {
  switch (check.code) {
    case 'auth_failed':
      return form.accessToken.trim() !== '' ? 'accessToken' : 'password'
    case 'host_not_found':
      return `${name}.host`
    case 'port_closed':
    case 'timeout':
    case 'no_imap4rev1':
      return `${name}.port`
    case 'tls_error':
      // A certificate is decided on beside it (Trust), not by changing the security setting.
      return check.certificate ? null : `${name}.tls`
    default:
      return null
  }
}

function TestResults({
  lang,
  result,
  passed,
  now,
  canTrust,
  onTrust,
}: {
  lang: Lang
  result: AccountTest
  passed: boolean
  now: number
  canTrust(name: ServerName, c: ServerCertificate): boolean
  onTrust(name: ServerName, c: ServerCertificate): void
}) {
  const t = settingsWords(lang)
  return (
    <section className="test-results" tabIndex={-1} data-focus="result" aria-labelledby="test-results-title">
      <h4 id="test-results-title" className={passed ? 'test-passed' : 'test-failed'}>
        {passed ? t.testPassed : t.testFailed}
      </h4>
      {SERVERS.map((name) => {
        const check = result[name]
        return (
          <div key={name} className={`check ${check.ok ? 'check-ok' : 'check-failed'}`}>
            <div className="check-head">
              <strong>{t.server[name]}</strong>
              <span className="check-state">{check.ok ? t.ok : t.failed}</span>
            </div>
            {!check.ok && (
              <>
                {/* The engine's words are English: shown as given, in an English font. */}
                <p className="check-message" lang="en">
                  {check.message}
                </p>
                <p className="check-action">
                  <strong>{t.whatToDo}</strong> <span lang="en">{check.action}</span>
                </p>
                {check.certificate && (
                  <CertificateView
                    lang={lang}
                    name={name}
                    certificate={check.certificate}
                    trustable={canTrust(name, check.certificate)}
                    current={certificateCurrent(check.certificate, now)}
                    onTrust={() => onTrust(name, check.certificate!)}
                  />
                )}
              </>
            )}
          </div>
        )
      })}
    </section>
  )
}

function CertificateView({
  lang,
  name,
  certificate: c,
  trustable,
  current,
  onTrust,
}: {
  lang: Lang
  name: ServerName
  certificate: ServerCertificate
  trustable: boolean
  current: boolean
  onTrust(): void
}) {
  const t = settingsWords(lang)
  return (
    <div className="certificate">
      <h5>{t.certificate}</h5>
      <dl>
        <dt>{t.certSubject}</dt>
        <dd>{c.subject}</dd>
        <dt>{t.certIssuer}</dt>
        <dd>
          {c.issuer}
          {c.selfSigned && <span className="pill cert-pill">{t.certSelfSigned}</span>}
        </dd>
        {c.altNames.length > 0 && (
          <>
            <dt>{t.certNames}</dt>
            <dd>{c.altNames.join(', ')}</dd>
          </>
        )}
        <dt>{t.certValid}</dt>
        <dd className={current ? undefined : 'field-error'}>
          {t.certValidRange(formatDate(c.validFrom, lang), formatDate(c.validTo, lang))}
        </dd>
        <dt>{t.certFingerprint}</dt>
        <dd>
          <code className="fingerprint">{c.sha256}</code>
        </dd>
      </dl>
      {trustable ? (
        <p className="trust">
          <button type="button" className="secondary" data-focus={`trust:${name}`} onClick={onTrust}>
            {t.trust}
          </button>{' '}
          <span className="field-help">{t.trustHelp}</span>
        </p>
      ) : (
        !current && <p className="field-help">{t.trustExpired}</p>
      )}
    </div>
  )
}
