// Marketplaces whose buyers are answered only on the site (Etsy, Yahoo! Shopping, Mercari Shops,
// Seller Central notices): the conversation screen shows "Open in <marketplace>" where the reply
// box would be, `o` opens it, and `r` says why there is no reply box. Also the line naming a
// marketplace message's kind, rating and item.
import type { Channel } from '../../../../main/core/model'
import type { CustomerView, MarketplaceFacts } from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { words, type Lang } from '../../app/i18n'
import { flash } from '../../ui/flash'
import { WithKeys } from '../../ui/Keys'
import { marketplaceWords } from './marketplaceWords'
import './siteOnly.css'

export interface SiteRoute {
  channel: Channel
  url: string
}

/** The site to answer on, when the conversation's replies are site-only. */
export function siteRouteOf(view: CustomerView | null, conversationId: string | undefined): SiteRoute | undefined {
  const c = conversationId ? view?.conversations.find((x) => x.id === conversationId) : undefined
  return c?.reply?.mode === 'site' ? { channel: c.channel, url: c.reply.url } : undefined
}

/** Opens the marketplace outside the app (the desktop shell hands https links to the browser). */
export function openOnSite(route: SiteRoute): void {
  window.open(route.url, '_blank', 'noopener,noreferrer')
}

/** Says why `r` opens no reply box, and which key opens the site. */
export function explainSiteOnly(route: SiteRoute, lang: Lang, keys: readonly string[] | undefined): void {
  const name = words(lang).channels[route.channel]
  const t = marketplaceWords(lang)
  const key = keys?.[0]
  flash(`${t.replyIsSiteOnly(name)}${key ? ` ${t.siteOnlyHelp(name).replace('{o}', key)}` : ''}`)
}

/** "Open in Etsy" / "Etsyで開く". */
export function openInLabel(route: SiteRoute, lang: Lang): string {
  return marketplaceWords(lang).openIn(words(lang).channels[route.channel])
}

export function siteOnlyCommands(route: SiteRoute | undefined): Command[] {
  return [
    {
      id: 'conversation.openInMarketplace',
      label: { en: 'Open in marketplace', ja: 'マーケットプレイスで開く' },
      group: 'compose',
      keys: ['o'],
      when: 'conversation',
      enabled: () => route !== undefined,
      run: () => route && openOnSite(route),
    },
  ]
}

export function SiteOnlyBar({
  route,
  lang,
  openKeys,
}: {
  route: SiteRoute
  lang: Lang
  openKeys: readonly string[] | undefined
}) {
  const name = words(lang).channels[route.channel]
  const t = marketplaceWords(lang)
  return (
    <div className="site-only" data-site-only={route.channel}>
      <p>
        {t.siteOnly(name)} <WithKeys text={t.siteOnlyHelp(name)} keys={{ o: openKeys }} />
      </p>
      <a className="open-in-marketplace" href={route.url} target="_blank" rel="noopener noreferrer">
        {t.openIn(name)}
      </a>
    </div>
  )
}

/** One line under a marketplace message's subject: what kind it is, the rating, the item. */
export function MarketplaceFactsLine({ facts, lang }: { facts: MarketplaceFacts; lang: Lang }) {
  const t = marketplaceWords(lang)
  const item = facts.itemTitle ?? facts.itemId
  return (
    <div className={`marketplace-facts kind-${facts.kind}`}>
      <span className="marketplace-kind">{t.kind[facts.kind]}</span>
      {facts.rating !== undefined && <span className="marketplace-rating">{t.rating(facts.rating)}</span>}
      {item && (
        <span className="muted">
          {t.item}: {item}
        </span>
      )}
    </div>
  )
}
