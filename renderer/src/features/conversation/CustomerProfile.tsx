// Who this customer is, at the top of the sidebar: the names they went by, every way to reach
// them that the app knows (addresses, marketplace relays and ids, phone), the channels they use,
// when they first and last wrote, and the language they are answered in.
import type { IdentityKey, Language } from '../../../../main/core/model'
import type { CustomerView } from '../../../../preload/api'
import { formatDate, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'

const WORDS = {
  en: {
    title: 'Customer',
    alsoKnownAs: 'Also known as',
    reach: 'How to reach them',
    channels: 'Channels',
    firstContact: 'First contact',
    lastContact: 'Last contact',
    language: 'Language',
    languages: { en: 'English', ja: 'Japanese' } as Record<Language, string>,
    kinds: { email: 'E-mail', relay: 'Relay', buyer: 'Buyer ID', order: 'Order', phone: 'Phone' },
    nothing: 'No messages yet',
  },
  ja: {
    title: 'お客様情報',
    alsoKnownAs: '別名',
    reach: '連絡先',
    channels: 'チャネル',
    firstContact: '初回の連絡',
    lastContact: '最後の連絡',
    language: '対応言語',
    languages: { en: '英語', ja: '日本語' } as Record<Language, string>,
    kinds: { email: 'メール', relay: '中継アドレス', buyer: '購入者 ID', order: '注文', phone: '電話' },
    nothing: 'メッセージはまだありません',
  },
}

/** The ways to reach someone; order numbers are listed with the orders, not here. */
const REACH: readonly IdentityKey['kind'][] = ['email', 'relay', 'buyer', 'phone']

export function CustomerProfile({ view, lang }: { view: CustomerView; lang: Lang }) {
  const t = WORDS[lang]
  const { customer, conversations, timeline } = view
  const reach = customer.keys
    .filter((k) => REACH.includes(k.kind))
    .sort((a, b) => REACH.indexOf(a.kind) - REACH.indexOf(b.kind))
  const phone = customer.phone && !reach.some((k) => k.kind === 'phone' && k.value === customer.phone)
  const channels = [...new Set(conversations.map((c) => c.channel))]
  const first = timeline[0]?.date
  const last = timeline.at(-1)?.date
  return (
    <section aria-labelledby="sidebar-profile" className="profile">
      <h2 id="sidebar-profile">{t.title}</h2>
      <dl className="profile-facts">
        {customer.aliases && customer.aliases.length > 0 && (
          <>
            <dt>{t.alsoKnownAs}</dt>
            <dd>{customer.aliases.join(' · ')}</dd>
          </>
        )}
        {(reach.length > 0 || phone) && (
          <>
            <dt>{t.reach}</dt>
            <dd>
              <ul className="profile-reach">
                {reach.map((k) => (
                  <li key={`${k.kind}:${k.value}`}>
                    <span className="muted">{t.kinds[k.kind]}</span> <span className="profile-value">{k.value}</span>
                  </li>
                ))}
                {phone && (
                  <li>
                    <span className="muted">{t.kinds.phone}</span>{' '}
                    <span className="profile-value">{customer.phone}</span>
                  </li>
                )}
              </ul>
            </dd>
          </>
        )}
        {channels.length > 0 && (
          <>
            <dt>{t.channels}</dt>
            <dd className="profile-channels">
              {channels.map((c) => (
                <ChannelBadge key={c} channel={c} lang={lang} />
              ))}
            </dd>
          </>
        )}
        <dt>{t.firstContact}</dt>
        <dd>{first ? formatDate(first, lang) : t.nothing}</dd>
        {last && last !== first && (
          <>
            <dt>{t.lastContact}</dt>
            <dd>{formatDate(last, lang)}</dd>
          </>
        )}
        <dt>{t.language}</dt>
        <dd>{t.languages[customer.language]}</dd>
      </dl>
    </section>
  )
}
