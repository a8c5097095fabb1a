// The seller's topic rules for the reports (settings `reportTopics`): read, with the built-in
// ones when none are saved, and replaced as a whole from the editor on the reports screen. The
// report cache keys on the settings' version, so a save shows in the next `reports.get`.
import type { RequestParams, TopicRules } from '../../preload/api'
import { topicRulesSchema } from '../../preload/reports'
import { DEFAULT_TOPIC_RULES, type TopicRule } from '../core/reports/topics'
import type { Store } from '../store/store'

type WithTopics = { reportTopics?: unknown }

export class ReportTopics {
  constructor(private readonly store: Store) {}

  /** The rules in use: the seller's when they are valid (reports.ts says so in the log otherwise). */
  rules(): TopicRule[] {
    const own = (this.store.settings as WithTopics).reportTopics
    if (own === undefined) return structuredClone([...DEFAULT_TOPIC_RULES])
    const parsed = topicRulesSchema.safeParse(own)
    return parsed.success ? parsed.data : structuredClone([...DEFAULT_TOPIC_RULES])
  }

  get(): TopicRules {
    const own = (this.store.settings as WithTopics).reportTopics
    return {
      rules: this.rules(),
      defaults: structuredClone([...DEFAULT_TOPIC_RULES]),
      custom: own !== undefined && topicRulesSchema.safeParse(own).success,
    }
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
