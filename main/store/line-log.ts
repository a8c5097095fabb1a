// What the append-only logs of JSON lines (message-index.log, uid-maps/<account>.log) share:
// appending whole lines durably, and reading back the one line that starts at a byte offset.
// Memory keeps only offsets; the lines stay on disk.
import type { promises as fs } from 'node:fs'

const NEWLINE = 0x0a

/**
 * Appends `text` (whole lines) at the end of the file and fsyncs it; returns the offset it
 * starts at. If anything fails, what was written of it is cut off again, so the next append
 * follows a whole line, and the error is thrown.
 */
export async function appendLines(handle: fs.FileHandle, text: string): Promise<number> {
  const { size } = await handle.stat()
  try {
    const bytes = Buffer.from(text)
    for (let done = 0; done < bytes.length;) {
      done += (await handle.write(bytes, done, bytes.length - done, size + done)).bytesWritten
    }
    await handle.sync()
  } catch (err) {
    await handle.truncate(size).catch(() => undefined)
    throw err
  }
  return size
}

/**
 * The line that starts at `offset`, without its newline: read `guess` bytes first (about a
 * line's length), more only when the line is longer. `path` names the file in the error.
 */
export async function readLineAt(handle: fs.FileHandle, offset: number, path: string, guess: number): Promise<string> {
  let size = guess
  for (;;) {
    const buffer = Buffer.alloc(size)
    const { bytesRead } = await handle.read(buffer, 0, size, offset)
    const end = buffer.subarray(0, bytesRead).indexOf(NEWLINE)
    if (end >= 0) return buffer.subarray(0, end).toString('utf8')
    if (bytesRead < size) throw new Error(`${path}: no whole line at ${offset}`)
    size *= 4
  }
}
