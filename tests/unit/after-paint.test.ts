// Work held until the frame is painted: after the frame's callback and the message it posts, or,
// when no frame comes (a hidden window), after a short while all the same; once either way.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterPaint } from '../../renderer/src/app/afterPaint'

const frames: FrameRequestCallback[] = []

afterEach(() => {
  vi.unstubAllGlobals()
  frames.length = 0
})

function stubFrames(): void {
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb))
}

describe('after paint', () => {
  it('runs once the frame has started and its message came back, not before, and once only', async () => {
    stubFrames()
    const work = vi.fn()
    afterPaint(work)
    await new Promise((r) => setTimeout(r, 10))
    expect(work).not.toHaveBeenCalled()
    for (const cb of frames.splice(0)) cb(0)
    expect(work).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1))
    await new Promise((r) => setTimeout(r, 150))
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('still runs when no frame comes (a hidden window paints none)', async () => {
    stubFrames()
    const work = vi.fn()
    afterPaint(work)
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1), { timeout: 1000 })
    for (const cb of frames.splice(0)) cb(0)
    await new Promise((r) => setTimeout(r, 20))
    expect(work).toHaveBeenCalledTimes(1)
  })
})
