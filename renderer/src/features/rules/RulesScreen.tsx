// `g u`: the seller's rules, over whatever screen they were on. Tab 1 lists the rules (on/off,
// how often each fired) beside an editor — trigger, conditions, actions — with the engine's
// validation messages under the fields; tab 2 is the log of every firing with why it happened.
// Keyboard: j / k move, Enter edits (in the log: opens the customer), n new, x on/off, Ctrl+S
// saves, Delete twice deletes, 1 / 2 switch tabs, Esc leaves the editor, then the screen.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { CHANNELS, MESSAGE_KINDS } from '../../../../main/core/model'
import {
  ACTION_KINDS,
  CALLBACK_WHEN,
  MESSAGE_TRIGGERS,
  PRIORITIES,
  ruleNameIn,
  TRIGGER_KINDS,
  type ActionKind,
  type Api,
  type RuleLogView,
  type RuleView,
  type TemplateView,
  type TriggerKind,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { formatWhen, words as appWords, type Lang } from '../../app/i18n'
import { RequestError } from '../../app/transport'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { KeySequence, WithKeys } from '../../ui/Keys'
import { didText, triggerText, whyText } from './describe'
import {
  blankAction,
  blankRule,
  DEFAULT_AMOUNT,
  formOf,
  inputOf,
  sameForm,
  type ActionForm,
  type RuleForm,
} from './ruleForm'
import { rulesWords } from './words'
import './rules.css'

export type RulesTab = 'rules' | 'log'

interface Props {
  api: Api
  lang: Lang
  onClose(): void
  onOpenCustomer(customerId: string, conversationId: string | undefined): void
}

type Issue = { path: string; message: string }

export function RulesScreen({ api, lang, onClose, onOpenCustomer }: Props) {
  const t = rulesWords(lang)
  const channelNames = appWords(lang).channels
  const keysOf = useKeysOf()
  const dialog = useRef<HTMLDialogElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const logRef = useRef<HTMLUListElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const editorRef = useRef<HTMLFormElement>(null)
  const [tab, setTab] = useState<RulesTab>('rules')
  const [rules, setRules] = useState<RuleView[] | null>(null)
  const [log, setLog] = useState<RuleLogView[] | null>(null)
  const [logIndex, setLogIndex] = useState(0)
  const [templates, setTemplates] = useState<TemplateView[]>([])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [form, setForm] = useState<RuleForm>(blankRule)
  const [saved, setSaved] = useState<RuleForm>(blankRule)
  const [issues, setIssues] = useState<Issue[]>([])
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [confirmDiscard, setConfirmDiscard] = useState(false)
  useCommandContext('rules')

  useLayoutEffect(() => {
    const el = dialog.current
    const before = document.activeElement
    if (el && !el.open) el.showModal()
    listRef.current?.focus()
    return () => {
      if (el?.open) el.close()
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true })
    }
  }, [])

  const load = useCallback(
    (select?: string) =>
      api.call('rules.list', {}).then(
        (list) => {
          setRules(list)
          const chosen = list.find((r) => r.id === select) ?? list[0]
          if (chosen) {
            setSelectedId(chosen.id)
            setForm(formOf(chosen, lang))
            setSaved(formOf(chosen, lang))
          }
        },
        (e: Error) => setMessage({ text: `${t.couldNotLoad} ${e.message}`, error: true }),
      ),
    [api, t, lang],
  )
  const loadLog = useCallback(
    () =>
      api.call('rules.log', { limit: 500 }).then(setLog, (e: Error) => setMessage({ text: e.message, error: true })),
    [api],
  )
  useEffect(() => {
    void load()
    void loadLog()
    api.call('template.list', {}).then(setTemplates, () => undefined)
  }, [api, load, loadLog])
  // Rules fire while the screen is open: the counts and the log follow.
  useEffect(
    () =>
      api.on('rules.changed', () => {
        void loadLog()
        api.call('rules.list', {}).then(
          (list) => setRules(list),
          () => undefined,
        )
      }),
    [api, loadLog],
  )

  const ordered = rules ?? []
  const index = ordered.findIndex((r) => r.id === selectedId)
  const dirty = !sameForm(form, saved)
  const inEditor = () => editorRef.current?.contains(document.activeElement) ?? false
  const aboutMessage = MESSAGE_TRIGGERS.includes(form.trigger)

  const select = (to: number) => {
    const next = ordered[Math.max(0, Math.min(ordered.length - 1, to))]
    if (!next) return
    if (dirty) {
      setMessage({ text: t.unsaved, error: true })
      return
    }
    setSelectedId(next.id)
    setForm(formOf(next, lang))
    setSaved(formOf(next, lang))
    setIssues([])
    setConfirmDelete(false)
    setMessage(null)
  }

  const showTab = (next: RulesTab) => {
    setTab(next)
    setConfirmDelete(false)
    setTimeout(() => (next === 'log' ? logRef.current : listRef.current)?.focus(), 0)
  }

  const startNew = () => {
    if (dirty) {
      setMessage({ text: t.unsaved, error: true })
      return
    }
    const fresh = blankRule()
    setTab('rules')
    setSelectedId(null)
    setForm(fresh)
    setSaved(fresh)
    setIssues([])
    setMessage(null)
    setTimeout(() => nameRef.current?.focus(), 0)
  }

  const save = async () => {
    try {
      const result = await api.call('rules.save', inputOf(form))
      setIssues([])
      setConfirmDiscard(false)
      setMessage({ text: t.saved })
      await load(result.id)
      listRef.current?.focus()
    } catch (err) {
      if (err instanceof RequestError && err.error.issues?.length) {
        setIssues(err.error.issues)
        setMessage({ text: `${t.couldNotSave} ${t.fix}`, error: true })
      } else {
        setMessage({ text: `${t.couldNotSave} ${(err as Error).message}`, error: true })
      }
    }
  }

  const toggle = async () => {
    const rule = ordered[index]
    if (!rule || dirty) return
    try {
      const { id, name, enabled, trigger, conditions, actions } = rule
      await api.call('rules.save', { id, name, enabled: !enabled, trigger, conditions, actions })
      const shown = ruleNameIn(id, name, lang)
      setMessage({ text: enabled ? t.turnedOff(shown) : t.turnedOn(shown) })
      await load(id)
    } catch (err) {
      setMessage({ text: `${t.couldNotSave} ${(err as Error).message}`, error: true })
    }
  }

  const remove = async () => {
    const current = ordered[index]
    if (!current) return
    if (!confirmDelete) {
      setConfirmDelete(true)
      setMessage({ text: t.confirmDelete(ruleNameIn(current.id, current.name, lang)) })
      return
    }
    setConfirmDelete(false)
    try {
      await api.call('rules.delete', { id: current.id })
      setMessage({ text: t.deleted(ruleNameIn(current.id, current.name, lang)) })
      const neighbour = ordered[index + 1] ?? ordered[index - 1]
      setSaved(form)
      await load(neighbour?.id)
      listRef.current?.focus()
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true })
    }
  }

  const escape = () => {
    if (confirmDelete) {
      setConfirmDelete(false)
      setMessage(null)
      return
    }
    if (inEditor() || dirty) {
      if (dirty && !confirmDiscard) {
        setConfirmDiscard(true)
        setMessage({ text: t.unsaved, error: true })
        return
      }
      setConfirmDiscard(false)
      setForm(saved)
      setIssues([])
      setMessage(null)
      listRef.current?.focus()
      return
    }
    onClose()
  }

  const entries = log ?? []
  const onLog = tab === 'log'
  const commands: Command[] = [
    {
      id: 'rules.close',
      label: { en: 'Leave the editor, or close the rules', ja: 'エディタを離れる／ルールを閉じる' },
      group: 'go',
      keys: ['Escape'],
      when: 'rules',
      global: true,
      run: escape,
    },
    {
      id: 'rules.next',
      label: { en: 'Next rule (or firing)', ja: '次のルール（履歴）' },
      group: 'move',
      keys: ['j', 'ArrowDown'],
      when: 'rules',
      // In the editor the keys are the form's (a checkbox, a select), never the list's.
      enabled: () => !inEditor(),
      run: () => (onLog ? setLogIndex((i) => Math.min(entries.length - 1, i + 1)) : select(index + 1)),
    },
    {
      id: 'rules.previous',
      label: { en: 'Previous rule (or firing)', ja: '前のルール（履歴）' },
      group: 'move',
      keys: ['k', 'ArrowUp'],
      when: 'rules',
      enabled: () => !inEditor(),
      run: () => (onLog ? setLogIndex((i) => Math.max(0, i - 1)) : select(index - 1)),
    },
    {
      id: 'rules.edit',
      label: { en: 'Edit the rule (in the log: open the customer)', ja: 'ルールを編集（履歴: お客様を開く）' },
      group: 'compose',
      keys: ['Enter'],
      when: 'rules',
      enabled: () => !inEditor() && (onLog ? entries[logIndex] !== undefined : index >= 0),
      run: () => {
        const entry = entries[logIndex]
        if (onLog && entry) onOpenCustomer(entry.customerId, entry.conversationId)
        else nameRef.current?.focus()
      },
    },
    {
      id: 'rules.new',
      label: { en: 'New rule', ja: '新しいルール' },
      group: 'compose',
      keys: ['n'],
      when: 'rules',
      enabled: () => !inEditor(),
      run: startNew,
    },
    {
      id: 'rules.toggle',
      label: { en: 'Turn the rule on or off', ja: 'ルールのオン／オフ' },
      group: 'compose',
      keys: ['x'],
      when: 'rules',
      enabled: () => !inEditor() && !onLog && index >= 0,
      run: () => void toggle(),
    },
    {
      id: 'rules.save',
      label: { en: 'Save the rule', ja: 'ルールを保存' },
      group: 'compose',
      keys: ['Mod+S'],
      when: 'rules',
      global: true,
      run: () => void save(),
    },
    {
      id: 'rules.delete',
      label: { en: 'Delete the rule', ja: 'ルールを削除' },
      group: 'compose',
      keys: ['Delete'],
      when: 'rules',
      enabled: () => !inEditor() && !onLog && index >= 0,
      run: () => void remove(),
    },
    {
      id: 'rules.tab.rules',
      label: { en: 'Rules: the list', ja: 'ルール: 一覧' },
      group: 'go',
      keys: ['1'],
      when: 'rules',
      enabled: () => !inEditor(),
      run: () => showTab('rules'),
    },
    {
      id: 'rules.tab.log',
      label: { en: 'Rules: what they did (log)', ja: 'ルール: 実行履歴' },
      group: 'go',
      keys: ['2'],
      when: 'rules',
      enabled: () => !inEditor(),
      run: () => showTab('log'),
    },
  ]
  useCommands(commands)

  const issueFor = (path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`))
  const issueText = (path: string) => {
    const found = issueFor(path)
    return found.length > 0 ? (
      <p className="rule-issue" id={`rule-issue-${path.replaceAll('.', '-')}`} role="alert">
        {found.map((i) => i.message).join(' ')}
      </p>
    ) : null
  }
  const change = (next: Partial<RuleForm>, clear?: string) => {
    setConfirmDiscard(false)
    // The seller is fixing things: "could not save" or "unsaved" spoke of the form before.
    setMessage((m) => (m?.error ? null : m))
    if (clear) setIssues((all) => all.filter((i) => !(i.path === clear || i.path.startsWith(`${clear}.`))))
    setForm((f) => ({ ...f, ...next }))
  }
  const changeAction = (n: number, next: Partial<ActionForm>) =>
    change({ actions: form.actions.map((a, i) => (i === n ? { ...a, ...next } : a)) }, `actions.${n}`)
  const amountLabel: Record<TriggerKind, string> = {
    message: '',
    lowRating: t.maxRating,
    noReply: t.days,
    delivered: t.daysAfter,
    clock: t.hours,
  }

  const templateName = useMemo(() => new Map(templates.map((x) => [x.id, x.name])), [templates])

  return (
    <dialog
      ref={dialog}
      className="full-screen settings-screen rules-screen"
      aria-labelledby="rules-title"
      onCancel={(e) => {
        if (e.target !== e.currentTarget) return
        e.preventDefault()
        escape()
      }}
    >
      <header className="settings-head">
        <h1 id="rules-title">{t.title}</h1>
        <nav className="rules-tabs" role="tablist">
          {(['rules', 'log'] as const).map((which) => (
            <button
              key={which}
              role="tab"
              aria-selected={tab === which}
              className={tab === which ? 'active' : undefined}
              onClick={() => showTab(which)}
            >
              {t.tabs[which]} <KeySequence chords={keysOf(`rules.tab.${which}`) ?? []} />
            </button>
          ))}
        </nav>
        <span className="muted settings-keys">
          <WithKeys
            text={t.keysHint}
            keys={{
              new: keysOf('rules.new'),
              toggle: keysOf('rules.toggle'),
              log: keysOf('rules.tab.log'),
              save: keysOf('rules.save'),
              delete: keysOf('rules.delete'),
              close: keysOf('rules.close'),
            }}
          />
        </span>
        <button className="ghost" onClick={onClose}>
          {t.close} <KeySequence chords={keysOf('rules.close') ?? ['Esc']} />
        </button>
      </header>
      {tab === 'log' ? (
        <section className="rules-log" aria-labelledby="rules-log-title">
          <h2 id="rules-log-title" className="settings-section-title">
            {t.logTitle}
          </h2>
          <ul
            ref={logRef}
            className="rules-log-list"
            role="listbox"
            tabIndex={0}
            aria-labelledby="rules-log-title"
            aria-activedescendant={entries[logIndex] ? `rule-firing-${logIndex}` : undefined}
          >
            {log !== null && entries.length === 0 && <li className="muted">{t.logEmpty}</li>}
            {entries.map((e, i) => (
              <li
                key={e.key}
                id={`rule-firing-${i}`}
                role="option"
                aria-selected={i === logIndex}
                className={`rules-firing${i === logIndex ? ' active' : ''}`}
                ref={i === logIndex ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
                onClick={() => setLogIndex(i)}
              >
                <span className="rules-firing-when">{formatWhen(new Date(e.at), lang)}</span>
                <span className="rules-firing-rule">{ruleNameIn(e.ruleId, e.ruleName, lang)}</span>
                <span className="rules-firing-who">{e.customerName || t.unknownCustomer}</span>
                <span className="rules-firing-why">{whyText(e.why, lang)}</span>
                <span className="rules-firing-did">
                  {e.outcomes
                    ? e.outcomes.map((o) => didText(o, lang, templates)).join(' · ')
                    : e.applying
                      ? t.applying
                      : t.interrupted}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <div className="rules-body">
          <ul
            ref={listRef}
            className="rules-list"
            role="listbox"
            tabIndex={0}
            aria-label={t.title}
            aria-activedescendant={selectedId ? `rule-option-${selectedId}` : undefined}
          >
            {rules !== null && rules.length === 0 && (
              <li className="muted rules-empty">
                <WithKeys text={t.empty} keys={{ new: keysOf('rules.new') }} />
              </li>
            )}
            {ordered.map((r, i) => (
              <li
                key={r.id}
                id={`rule-option-${r.id}`}
                role="option"
                aria-selected={r.id === selectedId}
                className={`rules-option${r.id === selectedId ? ' active' : ''}${r.enabled ? '' : ' off'}`}
                ref={r.id === selectedId ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
                onClick={() => select(i)}
              >
                <span className={`pill rules-state${r.enabled ? ' on' : ''}`}>{r.enabled ? t.on : t.off}</span>
                <span className="rules-option-text">
                  <span className="rules-name">{ruleNameIn(r.id, r.name, lang)}</span>
                  <span className="muted rules-trigger">{triggerText(r, lang)}</span>
                </span>
                <span className="muted rules-count">{r.fired > 0 ? t.fired(r.fired) : t.neverFired}</span>
              </li>
            ))}
          </ul>
          <form
            ref={editorRef}
            className="rules-editor"
            aria-label={form.id ? form.name || t.title : t.newRule}
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
          >
            <h2 className="settings-section-title">{form.id ? saved.name : t.newRule}</h2>
            <div className="rules-fields">
              <label htmlFor="rule-name">{t.name}</label>
              <input
                id="rule-name"
                ref={nameRef}
                value={form.name}
                autoComplete="off"
                aria-invalid={issueFor('name').length > 0}
                onChange={(e) => change({ name: e.target.value }, 'name')}
              />
              {issueText('name')}
              <label htmlFor="rule-enabled">{t.enabled}</label>
              <input
                id="rule-enabled"
                type="checkbox"
                className="rules-check"
                checked={form.enabled}
                onChange={(e) => change({ enabled: e.target.checked })}
              />
            </div>
            <fieldset className="rules-group">
              <legend>{t.when}</legend>
              <div className="rules-fields">
                <label htmlFor="rule-trigger">{t.trigger}</label>
                <select
                  id="rule-trigger"
                  value={form.trigger}
                  onChange={(e) => {
                    const trigger = e.target.value as TriggerKind
                    change({ trigger, amount: DEFAULT_AMOUNT[trigger] }, 'trigger')
                  }}
                >
                  {TRIGGER_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t.triggers[k]}
                    </option>
                  ))}
                </select>
                {form.trigger !== 'message' && (
                  <>
                    <label htmlFor="rule-amount">{amountLabel[form.trigger]}</label>
                    <input
                      id="rule-amount"
                      className="rules-number"
                      inputMode="numeric"
                      value={form.amount}
                      aria-invalid={issueFor('trigger').length > 0}
                      onChange={(e) => change({ amount: e.target.value }, 'trigger')}
                    />
                  </>
                )}
                {issueText('trigger')}
              </div>
            </fieldset>
            <fieldset className="rules-group">
              <legend>{t.conditions}</legend>
              <div className="rules-fields">
                <label htmlFor="rule-words">{t.words}</label>
                <input
                  id="rule-words"
                  value={form.words}
                  autoComplete="off"
                  placeholder="返品, refund"
                  aria-invalid={issueFor('conditions.words').length > 0}
                  onChange={(e) => change({ words: e.target.value }, 'conditions.words')}
                />
                {issueText('conditions.words')}
                <span />
                <p className="muted rules-hint">{t.wordsHint}</p>
                <span className="rules-label">{t.channels}</span>
                <div className="rules-checks" role="group" aria-label={t.channels}>
                  {CHANNELS.map((c) => (
                    <label key={c}>
                      <input
                        type="checkbox"
                        checked={form.channels.includes(c)}
                        onChange={(e) =>
                          change({
                            channels: e.target.checked
                              ? CHANNELS.filter((x) => x === c || form.channels.includes(x))
                              : form.channels.filter((x) => x !== c),
                          })
                        }
                      />{' '}
                      {channelNames[c]}
                    </label>
                  ))}
                </div>
                {aboutMessage && (
                  <>
                    <span className="rules-label">{t.kinds}</span>
                    <div className="rules-checks" role="group" aria-label={t.kinds}>
                      {MESSAGE_KINDS.map((k) => (
                        <label key={k}>
                          <input
                            type="checkbox"
                            checked={form.kinds.includes(k)}
                            onChange={(e) =>
                              change(
                                {
                                  kinds: e.target.checked
                                    ? MESSAGE_KINDS.filter((x) => x === k || form.kinds.includes(x))
                                    : form.kinds.filter((x) => x !== k),
                                },
                                'conditions.kinds',
                              )
                            }
                          />{' '}
                          {t.kindNames[k]}
                        </label>
                      ))}
                    </div>
                  </>
                )}
                {issueText('conditions.kinds')}
                <label htmlFor="rule-tags">{t.tags}</label>
                <input
                  id="rule-tags"
                  value={form.tags}
                  autoComplete="off"
                  aria-invalid={issueFor('conditions.tags').length > 0}
                  onChange={(e) => change({ tags: e.target.value }, 'conditions.tags')}
                />
                {issueText('conditions.tags')}
              </div>
            </fieldset>
            <fieldset className="rules-group">
              <legend>{t.actions}</legend>
              {form.actions.map((a, n) => (
                <div key={n} className="rules-fields rules-action">
                  <label htmlFor={`rule-action-${n}`}>{t.action(n + 1)}</label>
                  <span className="rules-action-head">
                    <select
                      id={`rule-action-${n}`}
                      value={a.kind}
                      onChange={(e) => changeAction(n, { kind: e.target.value as ActionKind })}
                    >
                      {ACTION_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t.actionKinds[k]}
                        </option>
                      ))}
                    </select>
                    {form.actions.length > 1 && (
                      <button
                        type="button"
                        className="ghost"
                        onClick={() => change({ actions: form.actions.filter((_, i) => i !== n) }, 'actions')}
                      >
                        {t.removeAction}
                      </button>
                    )}
                  </span>
                  <ActionFields
                    n={n}
                    action={a}
                    lang={lang}
                    templates={templates}
                    templateName={templateName}
                    invalid={issueFor(`actions.${n}`).length > 0}
                    onChange={(next) => changeAction(n, next)}
                  />
                  {issueText(`actions.${n}`)}
                </div>
              ))}
              {issues.some((i) => i.path === 'actions') && issueText('actions')}
              <button
                type="button"
                className="ghost rules-add"
                disabled={form.actions.length >= 10}
                onClick={() => change({ actions: [...form.actions, blankAction()] }, 'actions')}
              >
                + {t.addAction}
              </button>
            </fieldset>
            <footer className="rules-actions">
              <button type="submit" className="primary">
                {t.save} <WithKeys text="{k}" keys={{ k: keysOf('rules.save') }} />
              </button>
              {form.id && (
                <button type="button" className="ghost" onClick={() => void remove()}>
                  {t.delete}
                </button>
              )}
              {message && (
                <span role={message.error ? 'alert' : 'status'} className={message.error ? 'rule-issue' : 'muted'}>
                  {message.text}
                </span>
              )}
            </footer>
          </form>
        </div>
      )}
      {tab === 'log' && message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'rule-issue' : 'muted'}>
          {message.text}
        </p>
      )}
    </dialog>
  )
}

function ActionFields({
  n,
  action,
  lang,
  templates,
  templateName,
  invalid,
  onChange,
}: {
  n: number
  action: ActionForm
  lang: Lang
  templates: readonly TemplateView[]
  templateName: ReadonlyMap<string, string>
  invalid: boolean
  onChange(next: Partial<ActionForm>): void
}) {
  const t = rulesWords(lang)
  const id = (what: string) => `rule-action-${n}-${what}`
  switch (action.kind) {
    case 'callback':
      return (
        <>
          <label htmlFor={id('when')}>{t.callbackAt}</label>
          <select
            id={id('when')}
            value={action.when}
            onChange={(e) => onChange({ when: e.target.value as ActionForm['when'] })}
          >
            {CALLBACK_WHEN.map((w) => (
              <option key={w} value={w}>
                {t.callbackWhen[w]}
              </option>
            ))}
          </select>
          <label htmlFor={id('reason')}>{t.reason}</label>
          <input
            id={id('reason')}
            value={action.reason}
            autoComplete="off"
            aria-invalid={invalid}
            onChange={(e) => onChange({ reason: e.target.value })}
          />
        </>
      )
    case 'tag':
      return (
        <>
          <label htmlFor={id('tag')}>{t.tag}</label>
          <input
            id={id('tag')}
            value={action.tag}
            autoComplete="off"
            aria-invalid={invalid}
            onChange={(e) => onChange({ tag: e.target.value })}
          />
        </>
      )
    case 'priority':
      return (
        <>
          <label htmlFor={id('priority')}>{t.actionKinds.priority}</label>
          <select
            id={id('priority')}
            value={action.priority}
            onChange={(e) => onChange({ priority: e.target.value as ActionForm['priority'] })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t.priorities[p]}
              </option>
            ))}
          </select>
        </>
      )
    case 'template':
      return (
        <>
          <label htmlFor={id('template')}>{t.template}</label>
          <select
            id={id('template')}
            value={action.templateId}
            aria-invalid={invalid}
            onChange={(e) => onChange({ templateId: e.target.value })}
          >
            <option value="">{t.chooseTemplate}</option>
            {action.templateId !== '' && !templateName.has(action.templateId) && (
              <option value={action.templateId}>{action.templateId}</option>
            )}
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} ({x.language.toUpperCase()})
              </option>
            ))}
          </select>
        </>
      )
    case 'snooze':
      return (
        <>
          <label htmlFor={id('hours')}>{t.snoozeHours}</label>
          <input
            id={id('hours')}
            className="rules-number"
            inputMode="numeric"
            value={action.hours}
            aria-invalid={invalid}
            onChange={(e) => onChange({ hours: e.target.value })}
          />
        </>
      )
    case 'needsReply':
      return null
  }
}
