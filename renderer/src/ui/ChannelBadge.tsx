import type { Channel } from '../../../main/core/model'

const LABELS: Record<Channel, string> = {
  email: 'E-mail',
  amazon: 'Amazon',
  ebay: 'eBay',
  etsy: 'Etsy',
  walmart: 'Walmart',
  rakuten: 'Rakuten',
  yahoo: 'Yahoo!',
  mercari: 'Mercari',
}

export function ChannelBadge({ channel }: { channel: Channel }) {
  return <span className={`badge badge-${channel}`}>{LABELS[channel]}</span>
}
