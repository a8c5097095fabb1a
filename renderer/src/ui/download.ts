// Hands bytes the engine sent (an attachment) to the seller as a file: a link to a Blob, clicked.
// In browser mode the browser saves it; in the desktop app Electron's download handling does.
import type { AttachmentData } from '../../../preload/api'

/** Offers an attachment's bytes as a download (browser mode: a link to a Blob, clicked). */
export function download(data: AttachmentData): void {
  const binary = atob(data.dataBase64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: data.contentType || 'application/octet-stream' }))
  const link = document.createElement('a')
  link.href = url
  link.download = data.name
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by now; the object URL is no longer needed after a moment.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
