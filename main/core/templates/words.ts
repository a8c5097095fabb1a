// The words of a message or a template, for suggestions: English lower-cased with common endings
// stripped ("shipped", "shipping" → "ship"), Japanese segmented with Intl.Segmenter (there are no
// spaces to split on), particles and filler left out. Pure.

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' })

const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have hello hi how i if in is it its ' +
    'just me my no not of on or our please regards so thank thanks that the their them then there this to us was ' +
    'we were what when will with would you your dear best'
  ).split(' '),
)
/** One kana alone is nearly always a particle or an ending (は, を, か, ます…). */
const KANA_ONLY = /^[\p{Script=Hiragana}ー]{1,2}$/u
const JA_STOP = new Set(['です', 'ます', 'ござい', 'いたし', 'よろしく', 'お願い', 'ください', 'こと', 'もの', 'ため'])

export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 4) return word
  for (const end of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(end) && word.length - end.length >= 3) {
      const base = word.slice(0, -end.length)
      // "shipped" → "shipp" → "ship"
      return /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : base
    }
  }
  return word
}

/** The distinct meaningful words of `text`, at most `limit` (first come first). */
export function wordsOf(text: string, limit = 200): string[] {
  const out = new Set<string>()
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\{\{[^}]*\}\}/g, ' ')
  for (const { segment, isWordLike } of segmenter.segment(folded)) {
    if (!isWordLike) continue
    const w = segment.trim()
    if (w === '' || /^\d+$/.test(w)) continue
    if (/^[a-z']+$/.test(w)) {
      const word = w.replace(/'s$|'/g, '')
      if (word.length < 3 || STOP.has(word)) continue
      out.add(stem(word))
    } else {
      if (KANA_ONLY.test(w) || JA_STOP.has(w)) continue
      out.add(w)
    }
    if (out.size >= limit) break
  }
  return [...out]
}
