// IMAP sequence sets of UIDs ("1:40,42,50:51"): compact on the wire and in saved state,
// where a mailbox of 50,000 mostly consecutive UIDs is a handful of characters.

/** Formats UIDs (any order, duplicates allowed) as a sequence set; "" for none. */
export function formatUidSet(uids: Iterable<number>): string {
  const sorted = Uint32Array.from(uids).sort()
  const parts: string[] = []
  let i = 0
  while (i < sorted.length) {
    const start = sorted[i]!
    let end = start
    while (i + 1 < sorted.length && sorted[i + 1]! <= end + 1) end = sorted[++i]!
    parts.push(start === end ? String(start) : `${start}:${end}`)
    i++
  }
  return parts.join(',')
}

/** Reads a sequence set written by formatUidSet (no "*"); throws on anything else. */
export function parseUidSet(set: string): number[] {
  const uids: number[] = []
  if (set === '') return uids
  for (const part of set.split(',')) {
    const m = /^(\d+)(?::(\d+))?$/.exec(part)
    if (!m) throw new Error(`not a UID set: "${set.slice(0, 80)}"`)
    const a = Number(m[1])
    const b = m[2] === undefined ? a : Number(m[2])
    for (let uid = Math.min(a, b); uid <= Math.max(a, b); uid++) uids.push(uid)
  }
  return uids
}
