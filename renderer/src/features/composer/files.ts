// Files picked in the composer, read into memory as base64: what message.send carries.
import type { PickedFile } from './draftState'

/** A content type message.send accepts ("image/png"), else the generic one. */
function contentTypeOf(file: File): string {
  const type = file.type.trim().toLowerCase().split(';')[0]!.trim()
  return /^[a-z0-9][\w!#$&^.+-]*\/[a-z0-9][\w!#$&^.+-]*$/.test(type) ? type : 'application/octet-stream'
}

/** A file name as an attachment may carry it: no path separators or control characters. */
function safeName(name: string): string {
  const cleaned = name.replace(/[\p{Cc}/\\]/gu, '_').trim()
  return (cleaned || 'attachment').slice(0, 255)
}

export function readPickedFile(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`))
    reader.onload = () => {
      const url = String(reader.result)
      resolve({
        name: safeName(file.name),
        contentType: contentTypeOf(file),
        size: file.size,
        dataBase64: url.slice(url.indexOf(',') + 1),
      })
    }
    reader.readAsDataURL(file)
  })
}
