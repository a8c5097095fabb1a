// The templates manager (`g t`): every template by folder on the left, the one selected in an
// editor on the right with a live preview (a sample customer) and its problems, line and column.
// Like settings it opens over whatever the seller was doing and Esc goes back there. Keyboard:
// j / k move, Enter edits, n new, Ctrl+S saves, Delete twice deletes, Esc leaves the editor, then
// the screen. Unsaved edits are never dropped silently.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Language } from '../../../../main/core/model'
import {
  TEMPLATE_VARIABLES,
  VARIABLE_LABELS,
  type Api,
  type TemplateRendering,
  type TemplateView,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import type { Lang } from '../../app/i18n'
import { RequestError } from '../../app/transport'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { KeySequence, WithKeys } from '../../ui/Keys'
import { RenderedText } from './RenderedText'
import { templatesWords } from './words'
import './templates.css'

interface Props {
  api: Api
  lang: Lang
  onClose(): void
}

interface Form {
  id?: string
  name: string
  shortcut: string
  language: Language
  folder: string
  group: string
  body: string
}

const blank = (language: Language): Form => ({ name: '', shortcut: '', language, folder: '', group: '', body: '' })
const formOf = (t: TemplateView): Form => ({
  id: t.id,
  name: t.name,
  shortcut: t.shortcut,
  language: t.language,
  folder: t.folder,
  // The group shown is the one that is stored; one derived from the shortcut stays implicit.
  group: t.group === t.shortcut.replace(/[-_.](en|ja)$/i, '').toLowerCase() ? '' : t.group,
  body: t.body,
})
const same = (a: Form, b: Form) => JSON.stringify(a) === JSON.stringify(b)

export function TemplatesScreen({ api, lang, onClose }: Props) {
  const t = templatesWords(lang)
  const keysOf = useKeysOf()
  const dialog = useRef<HTMLDialogElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const editorRef = useRef<HTMLFormElement>(null)
  const [templates, setTemplates] = useState<TemplateView[] | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [form, setForm] = useState<Form>(blank(lang))
  const [saved, setSaved] = useState<Form>(blank(lang))
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([])
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null)
  const [preview, setPreview] = useState<TemplateRendering | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [confirmDiscard, setConfirmDiscard] = useState(false)
  useCommandContext('templates')

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
      api.call('template.list', {}).then(
        (list) => {
          setTemplates(list)
          const chosen = list.find((x) => x.id === select) ?? list[0]
          if (chosen) {
            setSelectedId(chosen.id)
            setForm(formOf(chosen))
            setSaved(formOf(chosen))
          }
        },
        (e: Error) => setMessage({ text: `${t.couldNotLoad} ${e.message}`, error: true }),
      ),
    [api, t],
  )
  useEffect(() => void load(), [load])

  // The live preview: what the template says for a sample customer, and its problems.
  useEffect(() => {
    let stale = false
    const timer = setTimeout(() => {
      if (form.body.trim() === '') {
        setPreview(null)
        return
      }
      api
        .call('template.render', {
          body: form.body,
          language: form.language,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        })
        .then(
          (r) => !stale && setPreview(r),
          () => undefined,
        )
    }, 120)
    return () => {
      stale = true
      clearTimeout(timer)
    }
  }, [api, form.body, form.language])

  // By folder, then name: the order the list shows and j / k walk.
  const ordered = useMemo(
    () =>
      [...(templates ?? [])].sort(
        (a, b) =>
          a.folder.localeCompare(b.folder) || a.group.localeCompare(b.group) || a.language.localeCompare(b.language),
      ),
    [templates],
  )
  const index = ordered.findIndex((x) => x.id === selectedId)
  const dirty = !same(form, saved)
  const inEditor = () => editorRef.current?.contains(document.activeElement) ?? false

  const select = (to: number) => {
    const next = ordered[Math.max(0, Math.min(ordered.length - 1, to))]
    if (!next) return
    if (dirty) {
      setMessage({ text: t.unsaved, error: true })
      return
    }
    setSelectedId(next.id)
    setForm(formOf(next))
    setSaved(formOf(next))
    setIssues([])
    setConfirmDelete(false)
    setMessage(null)
  }

  const startNew = () => {
    if (dirty) {
      setMessage({ text: t.unsaved, error: true })
      return
    }
    const fresh = blank(lang)
    setSelectedId(null)
    setForm(fresh)
    setSaved(fresh)
    setIssues([])
    setMessage(null)
    setTimeout(() => nameRef.current?.focus(), 0)
  }

  const save = async () => {
    try {
      const result = await api.call('template.save', {
        ...(form.id !== undefined ? { id: form.id } : {}),
        name: form.name,
        shortcut: form.shortcut,
        language: form.language,
        folder: form.folder,
        group: form.group,
        body: form.body,
      })
      setIssues([])
      setConfirmDiscard(false)
      setMessage({ text: t.saved })
      await load(result.id)
    } catch (err) {
      if (err instanceof RequestError && err.error.issues?.length) setIssues(err.error.issues)
      setMessage({ text: `${t.couldNotSave} ${(err as Error).message}`, error: true })
    }
  }

  const remove = async () => {
    const current = ordered[index]
    if (!current) return
    if (!confirmDelete) {
      setConfirmDelete(true)
      setMessage({ text: t.confirmDelete(current.name) })
      return
    }
    setConfirmDelete(false)
    try {
      await api.call('template.delete', { id: current.id })
      setMessage({ text: t.deleted(current.name) })
      const neighbour = ordered[index + 1] ?? ordered[index - 1]
      setSaved(form) // nothing unsaved stands in the way of moving on
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

  const commands: Command[] = [
    {
      id: 'templates.close',
      label: { en: 'Leave the editor, or close the templates', ja: 'エディタを離れる／テンプレートを閉じる' },
      group: 'go',
      keys: ['Escape'],
      when: 'templates',
      global: true,
      run: escape,
    },
    {
      id: 'templates.next',
      label: { en: 'Next template', ja: '次のテンプレート' },
      group: 'move',
      keys: ['j', 'ArrowDown'],
      when: 'templates',
      run: () => select(index + 1),
    },
    {
      id: 'templates.previous',
      label: { en: 'Previous template', ja: '前のテンプレート' },
      group: 'move',
      keys: ['k', 'ArrowUp'],
      when: 'templates',
      run: () => select(index - 1),
    },
    {
      id: 'templates.edit',
      label: { en: 'Edit the template', ja: 'テンプレートを編集' },
      group: 'compose',
      keys: ['Enter'],
      when: 'templates',
      enabled: () => index >= 0,
      run: () => nameRef.current?.focus(),
    },
    {
      id: 'templates.new',
      label: { en: 'New template', ja: '新しいテンプレート' },
      group: 'compose',
      keys: ['n'],
      when: 'templates',
      run: startNew,
    },
    {
      id: 'templates.save',
      label: { en: 'Save the template', ja: 'テンプレートを保存' },
      group: 'compose',
      keys: ['Mod+S'],
      when: 'templates',
      global: true,
      run: () => void save(),
    },
    {
      id: 'templates.delete',
      label: { en: 'Delete the template', ja: 'テンプレートを削除' },
      group: 'compose',
      keys: ['Delete'],
      when: 'templates',
      enabled: () => index >= 0,
      run: () => void remove(),
    },
  ]
  useCommands(commands)

  const issueFor = (path: string) => issues.filter((i) => i.path === path).map((i) => i.message)
  const field = (key: keyof Omit<Form, 'id' | 'language' | 'body'>, label: string, ref?: typeof nameRef) => (
    <>
      <label htmlFor={`template-${key}`}>{label}</label>
      <input
        id={`template-${key}`}
        ref={ref}
        value={form[key]}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={issueFor(key).length > 0}
        aria-describedby={issueFor(key).length > 0 ? `template-${key}-issue` : undefined}
        onChange={(e) => {
          setConfirmDiscard(false)
          setIssues((all) => all.filter((i) => i.path !== key))
          setForm({ ...form, [key]: e.target.value })
        }}
      />
      {issueFor(key).length > 0 && (
        <p className="template-issue" id={`template-${key}-issue`}>
          {issueFor(key).join(' ')}
        </p>
      )}
    </>
  )

  const problems = preview?.problems.filter((p) => p.kind !== 'missing_value') ?? []
  return (
    <dialog
      ref={dialog}
      className="full-screen settings-screen templates-screen"
      aria-labelledby="templates-title"
      onCancel={(e) => {
        if (e.target !== e.currentTarget) return
        e.preventDefault()
        escape()
      }}
    >
      <header className="settings-head">
        <h1 id="templates-title">{t.title}</h1>
        <span className="muted settings-keys">
          <WithKeys
            text={t.keysHint}
            keys={{
              new: keysOf('templates.new'),
              save: keysOf('templates.save'),
              delete: keysOf('templates.delete'),
              close: keysOf('templates.close'),
            }}
          />
        </span>
        <button className="ghost" onClick={onClose}>
          {t.close} <KeySequence chords={keysOf('templates.close') ?? ['Esc']} />
        </button>
      </header>
      <div className="templates-body">
        <ul
          ref={listRef}
          className="templates-list"
          role="listbox"
          tabIndex={0}
          aria-label={t.title}
          aria-activedescendant={selectedId ? `template-option-${selectedId}` : undefined}
        >
          {templates !== null && templates.length === 0 && (
            <li className="muted templates-empty">
              <WithKeys text={t.empty} keys={{ new: keysOf('templates.new') }} />
            </li>
          )}
          {ordered.map((x, i) => {
            const folder = x.folder || t.noFolder
            const header = i === 0 || (ordered[i - 1]!.folder || t.noFolder) !== folder
            return [
              header && (
                <li key={`folder:${folder}`} role="presentation" className="templates-folder">
                  {folder}
                </li>
              ),
              <li
                key={x.id}
                id={`template-option-${x.id}`}
                role="option"
                aria-selected={x.id === selectedId}
                className={`templates-option${x.id === selectedId ? ' active' : ''}`}
                ref={x.id === selectedId ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
                onClick={() => select(i)}
              >
                <span className="templates-name">{x.name}</span>
                <span className="pill">{x.language.toUpperCase()}</span>
                {x.usage > 0 && <span className="muted templates-used">{t.used(x.usage)}</span>}
              </li>,
            ]
          })}
        </ul>
        <form
          ref={editorRef}
          className="templates-editor"
          aria-label={form.id ? form.name || t.title : t.newTemplate}
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <h2 className="settings-section-title">{form.id ? saved.name : t.newTemplate}</h2>
          <div className="templates-fields">
            {field('name', t.name, nameRef)}
            {field('shortcut', t.shortcut)}
            <label htmlFor="template-language">{t.language}</label>
            <select
              id="template-language"
              value={form.language}
              onChange={(e) => {
                setIssues((all) => all.filter((i) => i.path !== 'language'))
                setForm({ ...form, language: e.target.value as Language })
              }}
            >
              <option value="en">{t.languages.en}</option>
              <option value="ja">{t.languages.ja}</option>
            </select>
            {issueFor('language').length > 0 && <p className="template-issue">{issueFor('language').join(' ')}</p>}
            {field('folder', t.folder)}
            {field('group', t.group)}
          </div>
          <p className="muted templates-hint">{t.groupHint}</p>
          <label htmlFor="template-body">{t.body}</label>
          <textarea
            id="template-body"
            className="templates-text"
            rows={10}
            value={form.body}
            spellCheck={false}
            aria-invalid={problems.length > 0 || issueFor('body').length > 0}
            onChange={(e) => {
              setConfirmDiscard(false)
              // The text changed: the live problems below speak for it now.
              setIssues((all) => all.filter((i) => i.path !== 'body'))
              setForm({ ...form, body: e.target.value })
            }}
          />
          <p className="muted templates-hint templates-syntax">{t.syntaxHelp}</p>
          <p className="muted templates-hint">
            {t.variables}:{' '}
            {TEMPLATE_VARIABLES.map((v) => (
              <span key={v} className="templates-variable" title={VARIABLE_LABELS[v][lang]}>
                <code>{`{{${v}}}`}</code>
              </span>
            ))}
          </p>
          <section className="templates-problems" aria-label={t.problems} role="status">
            <h3>{t.problems}</h3>
            {problems.length === 0 && issueFor('body').length === 0 ? (
              <p className="muted">{t.noProblems}</p>
            ) : (
              <ul>
                {problems.map((p, i) => (
                  <li key={i} className="template-issue">
                    <strong>{t.lineColumn(p.line, p.column)}</strong> {p.message}
                  </li>
                ))}
                {problems.length === 0 &&
                  issueFor('body').map((m, i) => (
                    <li key={`issue${i}`} className="template-issue">
                      {m}
                    </li>
                  ))}
              </ul>
            )}
          </section>
          <section className="templates-preview" aria-label={t.preview}>
            <h3>{t.previewWith}</h3>
            {preview && <RenderedText rendering={preview} />}
          </section>
          <footer className="templates-actions">
            <button type="submit" className="primary">
              {t.save} <WithKeys text="{k}" keys={{ k: keysOf('templates.save') }} />
            </button>
            {form.id && (
              <button type="button" className="ghost" onClick={() => void remove()}>
                {t.delete}
              </button>
            )}
            {message && (
              <span role={message.error ? 'alert' : 'status'} className={message.error ? 'template-issue' : 'muted'}>
                {message.text}
              </span>
            )}
          </footer>
        </form>
      </div>
    </dialog>
  )
}
