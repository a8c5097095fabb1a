// Loads the marketplace recognisers: the built-in rules and the seller's marketplace-rules.json.
// A bad rule is named in a notice and skipped; the others and the built-in ones keep working.
import { BUILTIN_RULES } from '../core/marketplaces/builtin'
import { Recogniser, combineRules } from '../core/marketplaces/recognise'
import { describeProblem, parseRulesFile } from '../core/marketplaces/rules'
import type { NoticeSink } from '../store/json-document'
import { MARKETPLACE_RULES_FILE, readMarketplaceRulesFile } from '../store/marketplace-rules-file'

/** Problems listed in one notice; the rest are counted. */
const LISTED = 5

export async function loadRecogniser(dataDir: string, notify: NoticeSink): Promise<Recogniser> {
  let text: string | undefined
  try {
    text = await readMarketplaceRulesFile(dataDir)
  } catch (err) {
    notify({
      level: 'warning',
      message: `Your marketplace rules (${MARKETPLACE_RULES_FILE}) could not be read: ${(err as Error).message}. The built-in marketplace rules are used.`,
      action: 'Check the file in the data folder, then restart Seller Inbox.',
    })
    return new Recogniser(BUILTIN_RULES)
  }
  if (text === undefined) return new Recogniser(BUILTIN_RULES)
  const { rules, problems } = parseRulesFile(text)
  if (problems.length > 0) {
    const listed = problems.slice(0, LISTED).map(describeProblem).join('; ')
    const more = problems.length > LISTED ? ` (and ${problems.length - LISTED} more)` : ''
    notify({
      level: 'warning',
      message: `${MARKETPLACE_RULES_FILE}: ${listed}${more}. Rules with a problem are skipped; ${rules.length} of yours and the built-in ones are in use.`,
      action: 'Fix the file in the data folder, then restart Seller Inbox.',
    })
  }
  return new Recogniser(combineRules(BUILTIN_RULES, rules))
}
