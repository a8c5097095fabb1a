// The seller's topic rules for the reports (settings `reportTopics`): read, with the built-in
// ones when none are saved, and replaced as a whole from the editor on the reports screen. The
// report cache keys on the settings' version, so a save shows in the next `reports.get`.
// The one place that decides which rules are in use and compiles them, for the dashboard and
// for the groups of similar messages alike.
import type { RequestParams, TopicRules } from '../../preload/api'
import { topicRulesSchema } from '../../preload/schemas/reports'
import { compileTopics, DEFAULT_TOPIC_RULES, type TopicMatcher, type TopicRule } from '../core/reports/topics'
import type { Store } from '../store/store'

type WithTopics = { reportTopics?: unknown }

export class ReportTopics {
  private compiled: { key: string; matcher: TopicMatcher } | undefined
  /** The settings version whose bad rules were last logged (said once, not on every report). */
  private warned: number | undefined

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
  ) {}

  /** The rules in use: the seller's when they check out, else the built-in ones (the log says why). */
  inUse(): { rules: readonly TopicRule[]; custom: boolean } {
    const own = (this.store.settings as WithTopics).reportTopics
    if (own === undefined) return { rules: DEFAULT_TOPIC_RULES, custom: false }
    const parsed = topicRulesSchema.safeParse(own)
    if (parsed.success) return { rules: parsed.data, custom: true }
    const version = this.store.docs.settings.version
    if (this.warned !== version) {
      this.warned = version
      this.log(
        `reports: the topic rules in settings.json are not valid (${parsed.error.issues[0]?.message}); using the built-in ones`,
      )
    }
    return { rules: DEFAULT_TOPIC_RULES, custom: false }
  }

  /** The rules in use compiled, and a key that changes when they do (caches of matched facts keep it). */
  matcher(): { key: string; matcher: TopicMatcher } {
    const { rules, custom } = this.inUse()
    const key = custom ? JSON.stringify(rules) : 'default'
    if (this.compiled?.key !== key) this.compiled = { key, matcher: compileTopics(rules) }
    return this.compiled
  }

  get(): TopicRules {
    const { rules, custom } = this.inUse()
    return { rules: structuredClone([...rules]), defaults: structuredClone([...DEFAULT_TOPIC_RULES]), custom }
  }

  async save(p: RequestParams<'reports.topics.save'>): Promise<TopicRules> {
    // Keywords as typed, minus repeats; a keyword is matched case- and width-insensitively anyway.
    const rules = p.rules.map(({ problem, ...r }): TopicRule => ({
      ...r,
      en: [...new Set(r.en)],
      ja: [...new Set(r.ja)],
      ...(problem ? { problem: true } : {}),
    }))
    ;(this.store.settings as WithTopics).reportTopics = rules
    this.store.docs.settings.changed()
    await this.store.docs.settings.flush()
    return this.get()
  }
}
