// A small label naming a channel (E-mail, Amazon, 楽天…), coloured per channel.
import type { Channel } from '../../../main/core/model'
import { words, type Lang } from '../app/i18n'

export function ChannelBadge({ channel, lang = 'en' }: { channel: Channel; lang?: Lang }) {
  return <span className={`badge badge-${channel}`}>{words(lang).channels[channel]}</span>
}
