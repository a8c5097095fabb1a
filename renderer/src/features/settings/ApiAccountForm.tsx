// Connecting (or reconnecting) an eBay or Rakuten account: which marketplace, then its user
// name and token or shop id and keys. Connect tests the key first and says what the marketplace
// answered; a saved key is never shown again, and left empty it stays as it is.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { AccountView, Api, ApiAccountTest, RequestInput } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'
import { apiAccountWords } from './apiAccountWords'
import { focusMarked } from './focus'

type Kind = 'ebay' | 'rakuten'

const DEFAULT_URL: Record<Kind, string> = {
  ebay: 'https://api.ebay.com',
  rakuten: 'https://api.rms.rakuten.co.jp',
}

interface Form {
  kind: Kind
  label: string
  username: string
  accessToken: string
  shopId: string
  serviceSecret: string
  licenseKey: string
  baseUrl: string
}

type Field = Exclude<keyof Form, 'kind'>

interface Props {
  api: Api
  lang: Lang
  /** The account being reconnected; absent: a new one. */
  account?: AccountView
  onCancel(): void
  onSaved(account: AccountView): void
}

function formOf(account: AccountView | undefined): Form {
  const kind: Kind = account?.kind === 'rakuten' ? 'rakuten' : 'ebay'
  return {
    kind,
    label: account?.label ?? '',
    username: account?.api?.username ?? '',
    accessToken: '',
    shopId: account?.api?.shopId !== undefined ? String(account.api.shopId) : '',
    serviceSecret: '',
    licenseKey: '',
    baseUrl: account?.api?.baseUrl ?? DEFAULT_URL[kind],
  }
}

/** Fields left to fill in; secrets may stay empty when editing (the saved ones are kept). */
function missing(f: Form, editing: boolean): { field: Field; problem: 'required' | 'notANumber' }[] {
  const need: Field[] =
    f.kind === 'ebay'
      ? ['label', 'username', ...(editing ? [] : (['accessToken'] as Field[]))]
      : ['label', 'shopId', ...(editing ? [] : (['serviceSecret', 'licenseKey'] as Field[]))]
  const out: { field: Field; problem: 'required' | 'notANumber' }[] = need
    .filter((n) => !f[n].trim())
    .map((field) => ({ field, problem: 'required' }))
  if (f.kind === 'rakuten' && f.shopId.trim() && !/^\d{1,10}$/.test(f.shopId.trim()))
    out.push({ field: 'shopId', problem: 'notANumber' })
  return out
}

function draftOf(f: Form): RequestInput<'account.add'> {
  const baseUrl = f.baseUrl.trim() || DEFAULT_URL[f.kind]
  return f.kind === 'ebay'
    ? { kind: 'ebay', label: f.label.trim(), username: f.username.trim(), accessToken: f.accessToken.trim(), baseUrl }
    : {
        kind: 'rakuten',
        label: f.label.trim(),
        shopId: Number(f.shopId.trim()),
        serviceSecret: f.serviceSecret.trim(),
        licenseKey: f.licenseKey.trim(),
        baseUrl,
      }
}

function updateOf(f: Form, id: string): RequestInput<'account.update'> {
  const secret = (v: string) => (v.trim() ? v.trim() : undefined)
  return {
    id,
    label: f.label.trim(),
    baseUrl: f.baseUrl.trim() || DEFAULT_URL[f.kind],
    ...(f.kind === 'ebay'
      ? { username: f.username.trim(), accessToken: secret(f.accessToken) }
      : { shopId: Number(f.shopId.trim()), serviceSecret: secret(f.serviceSecret), licenseKey: secret(f.licenseKey) }),
  }
}

export function ApiAccountForm({ api, lang, account, onCancel, onSaved }: Props) {
  const t = apiAccountWords(lang)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const [form, setForm] = useState<Form>(() => formOf(account))
  const [showProblems, setShowProblems] = useState(false)
  const [result, setResult] = useState<ApiAccountTest['api'] | null>(null)
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const focusWish = useRef<string | null>(null)
  const [, setTurn] = useState(0)
  const moveFocus = (key: string) => {
    focusWish.current = key
    setTurn((n) => n + 1)
  }
  const editing = account !== undefined
  const problems = missing(form, editing)

  useEffect(() => {
    root.current?.querySelector<HTMLElement>('input:not([type=radio]), input[type=radio]:checked')?.focus()
  }, [])
  useEffect(() => {
    if (focusWish.current === null) return
    focusMarked(root.current, focusWish.current)
    focusWish.current = null
  })

  const change = (field: keyof Form, value: string) => {
    setForm((f) => {
      if (field !== 'kind') return { ...f, [field]: value }
      const kind = value as Kind
      // The API address follows the marketplace unless the seller typed their own.
      const baseUrl = f.baseUrl === DEFAULT_URL[f.kind] ? DEFAULT_URL[kind] : f.baseUrl
      return { ...f, kind, baseUrl }
    })
    setResult(null)
  }

  const complete = (): boolean => {
    if (problems.length === 0) return true
    setShowProblems(true)
    moveFocus(`field:${problems[0]!.field}`)
    return false
  }

  const runTest = async (): Promise<boolean> => {
    setBusy('testing')
    setError(null)
    try {
      // Editing with the secrets left empty tests the saved ones.
      const secretsTyped =
        form.kind === 'ebay' ? form.accessToken.trim() : form.serviceSecret.trim() && form.licenseKey.trim()
      const tested = await api.call(
        'account.test',
        account && !secretsTyped ? { id: account.id } : { draft: draftOf(form) },
      )
      const check = 'api' in tested ? tested.api : null
      setResult(check)
      if (!check?.ok) moveFocus('result')
      return check?.ok === true
    } catch (e) {
      setError((e as Error).message)
      moveFocus('result')
      return false
    } finally {
      setBusy(null)
    }
  }

  const onSubmit = async () => {
    if (busy || !complete()) return
    if (!(await runTest())) return
    setBusy('saving')
    try {
      const saved = account
        ? await api.call('account.update', updateOf(form, account.id))
        : await api.call('account.add', draftOf(form))
      onSaved(saved)
    } catch (e) {
      setBusy(null)
      setError(`${t.couldNotSave} ${(e as Error).message}`)
      moveFocus('result')
    }
  }

  const problemOf = (field: Field): string | undefined => {
    const p = showProblems ? problems.find((x) => x.field === field) : undefined
    return p ? t[p.problem] : undefined
  }

  const field = (name: Field, label: string, type: 'text' | 'password' | 'url', help?: ReactNode, extra = {}) => {
    const problem = problemOf(name)
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          data-focus={`field:${name}`}
          type={type}
          value={form[name]}
          spellCheck={false}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          aria-invalid={problem !== undefined}
          aria-describedby={
            [problem ? `${id}-${name}-error` : '', help ? `${id}-${name}-help` : ''].join(' ').trim() || undefined
          }
          onChange={(e) => change(name, e.target.value)}
          {...extra}
        />
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

  const keep = editing ? ` ${t.keepSecret}` : ''

  return (
    <div
      ref={root}
      className="account-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.preventDefault()
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      <h3 className="form-title">{account ? t.editTitle(account.label) : t.addTitle}</h3>
      <p className="field-help">{t.intro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void onSubmit()
        }}
      >
        <fieldset className="form-group" disabled={editing}>
          <legend>{t.marketplace}</legend>
          {(['ebay', 'rakuten'] as const).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                data-focus={`kind:${k}`}
                checked={form.kind === k}
                onChange={() => change('kind', k)}
              />{' '}
              {t[k]}
            </label>
          ))}
        </fieldset>
        <fieldset className="form-group">
          {field('label', t.label, 'text', undefined, { placeholder: form.kind === 'ebay' ? 'eBay' : '楽天市場' })}
          {form.kind === 'ebay' ? (
            <>
              {field('username', t.username, 'text', t.usernameHelp)}
              {field('accessToken', t.token, 'password', `${t.tokenHelp}${keep}`)}
            </>
          ) : (
            <>
              {field('shopId', t.shopId, 'text', t.shopIdHelp, { inputMode: 'numeric' })}
              {field('serviceSecret', t.serviceSecret, 'password', keep.trim() || undefined)}
              {field('licenseKey', t.licenseKey, 'password', `${t.licenseKeyHelp}${keep}`)}
            </>
          )}
          {field('baseUrl', t.baseUrl, 'url', t.baseUrlHelp(DEFAULT_URL[form.kind]))}
        </fieldset>
        <div className="test-result" tabIndex={-1} data-focus="result" role="status" aria-live="polite">
          {result?.ok && <p className="ok">{t.testOk}</p>}
          {result && !result.ok && (
            <p className="field-error">
              {t.testFailed} <span lang="en">{result.message}</span> <span lang="en">{result.action}</span>
            </p>
          )}
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
        </div>
        <div className="form-buttons">
          <button type="button" className="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy !== null}
            onClick={() => void (complete() && runTest())}
          >
            {busy === 'testing' ? t.testing : t.test}
          </button>
          <button type="submit" className="primary" data-focus="save" disabled={busy !== null}>
            {busy === 'saving' ? t.saving : editing ? t.saveChanges : t.save}
          </button>
        </div>
        <p className="field-help">{t.keys}</p>
      </form>
    </div>
  )
}
