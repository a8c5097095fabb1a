import { describe, expect, it } from 'vitest'
import { planWindows } from '../../main/channels/imap/batches'

const listing = (n: number, size = 1000) => ({
  uids: Array.from({ length: n }, (_, i) => i + 1),
  sizes: Array.from({ length: n }, () => size),
})

describe('sync batches', () => {
  it('starts small with the newest mail and doubles up to the cap', () => {
    const windows = planWindows(listing(10_000), { maxCount: 500, maxBytes: 1e12, newestFirst: true, growTo: 4000 })
    expect(windows.map((w) => w.count)).toEqual([500, 1000, 2000, 4000, 2500])
    expect(windows[0]).toMatchObject({ high: 10_000, low: 9501 })
  })

  it('keeps a fixed size without growth, and the byte cap always wins', () => {
    expect(
      planWindows(listing(1000), { maxCount: 300, maxBytes: 1e12, newestFirst: false }).map((w) => w.count),
    ).toEqual([300, 300, 300, 100])
    expect(
      planWindows(listing(1000, 10_000), { maxCount: 500, maxBytes: 2_000_000, newestFirst: true, growTo: 8000 }).map(
        (w) => w.count,
      ),
    ).toEqual([200, 200, 200, 200, 200])
  })
})
