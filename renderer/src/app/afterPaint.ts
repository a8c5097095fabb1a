// Work that can wait until the seller sees the result of a key: run after the next frame is
// painted. A key that changes the screen and also asks the engine (mark done, undo) paints first;
// the request, the engine's work it starts on the other core and the answers it brings back come
// after, instead of competing with that frame.
//
// After the frame: a requestAnimationFrame callback runs as the frame starts, and a message it
// posts arrives once that frame's style, layout and paint are done. A window that paints no
// frames (hidden, minimised) still runs the work, after FALLBACK_MS.

const FALLBACK_MS = 100

export type Later = (work: () => void) => void

export const afterPaint: Later = (work) => {
  let ran = false
  const run = () => {
    if (ran) return
    ran = true
    clearTimeout(timer)
    work()
  }
  const timer = setTimeout(run, FALLBACK_MS)
  if (typeof requestAnimationFrame !== 'function') return
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      run()
    }
    channel.port2.postMessage(null)
  })
}
