// On a customer's screen, in the sidebar: the rules that fired on them and what each did, so
// "why is there a callback / a tag here?" has an answer where the question comes up.
import { useEffect, useState } from 'react'
import { ruleNameIn, type Api, type RuleLogView } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { didText, whyText } from './describe'
import { rulesWords } from './words'
import './rules.css'

const SHOWN = 3

export function CustomerRules({ api, lang, customerId }: { api: Api; lang: Lang; customerId: string }) {
  const t = rulesWords(lang)
  const [entries, setEntries] = useState<RuleLogView[]>([])

  useEffect(() => {
    let stale = false
    const load = () =>
      api.call('rules.log', { customerId, limit: SHOWN }).then(
        (list) => !stale && setEntries(list),
        () => undefined,
      )
    void load()
    const off = api.on('rules.changed', ({ customerIds }) => {
      if (!customerIds || customerIds.includes(customerId)) void load()
    })
    return () => {
      stale = true
      off()
    }
  }, [api, customerId])

  if (entries.length === 0) return null
  return (
    <section aria-labelledby="sidebar-rules" className="customer-rules">
      <h2 id="sidebar-rules">{t.sidebar}</h2>
      <ul className="customer-rules-list">
        {entries.map((e) => (
          <li key={e.key} title={whyText(e.why, lang)}>
            <span className="muted">{formatWhen(new Date(e.at), lang)}</span>{' '}
            <strong>{ruleNameIn(e.ruleId, e.ruleName, lang)}</strong>
            {e.outcomes && e.outcomes.length > 0 && (
              <span className="muted"> · {e.outcomes.map((o) => didText(o, lang)).join(' · ')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
