// The seller's topic rules, edited on the reports screen (`e`): name in English and Japanese,
// keywords per language, whether it is a problem; topics added and removed. Problems show under
// their field; Ctrl+Enter saves through `reports.topics.save` and the dashboard counts again.
// A group of similar messages can open it with a new topic already filled in (`n`).
import { useEffect, useRef, useState } from 'react'
import type { Api, TopicRule } from '../../../../preload/api'
import { RequestError } from '../../app/transport'
import type { Lang } from '../../app/i18n'
import { useCommands, useKeysOf } from '../../app/useCommands'
import { KeySequence } from '../../ui/Keys'
import { fieldsOf, formKeyOf, idFor, rulesOf, topicErrors, type TopicErrors, type TopicFields } from './topicForm'
import { reportWords } from './words'

/** A topic to add, from a group of similar messages. */
export interface TopicDraft {
  name: string
  en: string[]
  ja: string[]
}

interface Props {
  api: Api
  lang: Lang
  /** The topic to start on (its id), else the first. */
  focusId?: string
  draft?: TopicDraft
  onDone(saved: boolean): void
}

export function TopicEditor({ api, lang, focusId, draft, onDone }: Props) {
  const t = reportWords(lang).topicsEditor
  const keysOf = useKeysOf()
  const [fields, setFields] = useState<TopicFields[] | null>(null)
  const [defaults, setDefaults] = useState<TopicRule[]>([])
  const [errors, setErrors] = useState<TopicErrors>({})
  const [loadError, setLoadError] = useState<string | null>(null)
  const [focus, setFocus] = useState<number | null>(null)
  const saving = useRef(false)

  useEffect(() => {
    let live = true
    api.call('reports.topics', {}).then(
      (r) => {
        if (!live) return
        const list = r.rules.map(fieldsOf)
        let at = Math.max(
          0,
          list.findIndex((f) => f.id === focusId),
        )
        if (draft) {
          const taken = new Set(list.map((f) => f.id))
          list.push({
            id: idFor(draft.en.join(' ') || 'topic', taken),
            labelEn: draft.name,
            labelJa: '',
            en: draft.en.join(', '),
            ja: draft.ja.join('、'),
            problem: false,
          })
          at = list.length - 1
        }
        setDefaults(r.defaults)
        setFields(list)
        setFocus(at)
      },
      (e: Error) => live && setLoadError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, focusId, draft])

  useEffect(() => {
    if (focus === null) return
    const el = document.getElementById(`topic-${focus}-labelEn`)
    el?.focus()
    el?.scrollIntoView({ block: 'nearest' })
  }, [focus])

  const change = (i: number, patch: Partial<TopicFields>) => {
    setFields((all) => all && all.map((f, j) => (j === i ? { ...f, ...patch } : f)))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[`${i}.${k}`]
      if (patch.ja !== undefined) delete next[`${i}.en`]
      if (patch.labelJa !== undefined) delete next[`${i}.labelEn`]
      return next
    })
  }
  const add = () => {
    if (!fields) return
    const taken = new Set(fields.map((f) => f.id))
    setFields([...fields, { id: idFor('topic', taken), labelEn: '', labelJa: '', en: '', ja: '', problem: false }])
    setFocus(fields.length)
  }
  const remove = (i: number) => {
    if (!fields) return
    setFields(fields.filter((_, j) => j !== i))
    setErrors({})
    setFocus(Math.max(0, Math.min(i, fields.length - 2)))
  }
  const save = async () => {
    if (!fields || saving.current) return
    const problems = topicErrors(fields, lang)
    setErrors(problems)
    if (Object.keys(problems).length > 0) {
      const first = Object.keys(problems)[0]!
      document.getElementById(`topic-${first.replace('.', '-')}`)?.focus()
      return
    }
    // A new topic named only in English gets an id from that name; ids of kept topics stay.
    saving.current = true
    try {
      await api.call('reports.topics.save', { rules: rulesOf(fields) })
      onDone(true)
    } catch (err) {
      if (err instanceof RequestError && err.error.issues?.length) {
        const next: TopicErrors = {}
        for (const i of err.error.issues) next[formKeyOf(i.path)] ??= i.message
        setErrors(next)
      } else setErrors({ form: (err as Error).message })
    } finally {
      saving.current = false
    }
  }

  useCommands([
    {
      id: 'reports.topics.save',
      label: { en: 'Reports: save the topics', ja: 'レポート: 内容を保存' },
      group: 'app',
      keys: ['Mod+Enter'],
      when: 'reports',
      global: true,
      run: () => void save(),
    },
  ])

  const error = (key: string) =>
    errors[key] ? (
      <p className="topic-error" role="alert" id={`topic-${key.replace('.', '-')}-error`}>
        {errors[key]}
      </p>
    ) : null
  const field = (i: number, key: 'labelEn' | 'labelJa' | 'en' | 'ja', label: string, f: TopicFields) => {
    const id = `topic-${i}-${key}`
    return (
      <div className="topic-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={f[key]}
          autoComplete="off"
          aria-invalid={errors[`${i}.${key}`] !== undefined}
          aria-describedby={errors[`${i}.${key}`] ? `${id}-error` : undefined}
          onChange={(e) => change(i, { [key]: e.target.value })}
        />
        {error(`${i}.${key}`)}
      </div>
    )
  }

  return (
    <form
      className="topic-editor"
      aria-labelledby="topic-editor-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h2 id="topic-editor-title">{t.title}</h2>
      <p className="muted">{t.help}</p>
      {loadError && (
        <p role="alert" className="notice notice-error">
          {loadError}
        </p>
      )}
      {error('form')}
      <div className="topic-actions">
        <button type="button" className="chip" onClick={add}>
          {t.add}
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setFields(defaults.map(fieldsOf))
            setErrors({})
            setFocus(0)
          }}
        >
          {t.reset}
        </button>
        <span className="spacer" />
        <button type="button" className="ghost" onClick={() => onDone(false)}>
          {t.cancel} <KeySequence chords={['Esc']} />
        </button>
        <button type="submit" className="primary">
          {t.save} <KeySequence chords={keysOf('reports.topics.save') ?? []} />
        </button>
      </div>
      {fields?.map((f, i) => (
        <fieldset key={`${f.id}-${i}`} className="topic-rule" data-topic={f.id}>
          <legend>{f.labelEn || f.labelJa || t.newTopic}</legend>
          {field(i, 'labelEn', t.labelEn, f)}
          {field(i, 'labelJa', t.labelJa, f)}
          {field(i, 'en', t.keywordsEn, f)}
          {field(i, 'ja', t.keywordsJa, f)}
          <label className="topic-problem">
            <input type="checkbox" checked={f.problem} onChange={(e) => change(i, { problem: e.target.checked })} />{' '}
            {t.problem}
          </label>
          <button type="button" className="ghost" onClick={() => remove(i)}>
            {t.remove}
          </button>
        </fieldset>
      ))}
    </form>
  )
}
