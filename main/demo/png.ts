// A tiny PNG "photo" of a cracked piece of tea ware, for the demo's damaged-item messages.
// Drawn pixel by pixel and stored uncompressed, so it needs neither zlib nor files.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (const x of bytes) {
    a = (a + x) % 65521
    b = (b + a) % 65521
  }
  return ((b << 16) | a) >>> 0
}

/** Glaze colours for the pieces in the pictures: blue glaze, red clay, black raku. */
const GLAZES: readonly (readonly [number, number, number])[] = [
  [52, 92, 140],
  [168, 78, 48],
  [40, 38, 36],
]

/**
 * A `width`×`height` RGB picture: a glazed pot on a table with a dark crack across it.
 * `variant` picks the glaze, so a workspace has a few different photos.
 */
export function crackedPotPng(variant: number, width = 24, height = 18): Uint8Array {
  const key = `${variant % GLAZES.length}:${width}x${height}`
  let png = cache.get(key)
  if (!png) cache.set(key, (png = drawPng(variant, width, height)))
  // A copy, so a caller changing its bytes cannot change another message's picture.
  return png.slice()
}

const cache = new Map<string, Uint8Array>()

function drawPng(variant: number, width: number, height: number): Uint8Array {
  const glaze = GLAZES[variant % GLAZES.length] as readonly [number, number, number]
  const stride = width * 3 + 1
  const raw = new Uint8Array(stride * height)
  const cx = width / 2
  const cy = height * 0.55
  const rx = width * 0.33
  const ry = height * 0.32
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const o = y * stride + 1 + x * 3
      const dx = (x - cx) / rx
      const dy = (y - cy) / ry
      let rgb: readonly [number, number, number]
      if (dx * dx + dy * dy <= 1) {
        // A zig-zag crack running down through the pot.
        const crackX = cx + ((y * 7) % 5) - 2
        const shade = Math.round(30 * dx)
        rgb = Math.abs(x - crackX) < 0.6 ? [18, 16, 14] : [glaze[0] - shade, glaze[1] - shade, glaze[2] - shade]
      } else {
        const wall = y < height * 0.7 ? 225 - y * 2 : 150 + ((x + y) % 3) * 6 // wall above, wooden table below
        rgb = y < height * 0.7 ? [wall, wall - 6, wall - 16] : [wall, wall - 40, wall - 80]
      }
      raw[o] = Math.max(0, Math.min(255, rgb[0]))
      raw[o + 1] = Math.max(0, Math.min(255, rgb[1]))
      raw[o + 2] = Math.max(0, Math.min(255, rgb[2]))
    }
  }
  // zlib stream with one stored (uncompressed) deflate block.
  const z = new Uint8Array(2 + 5 + raw.length + 4)
  z.set([0x78, 0x01, 0x01, raw.length & 0xff, raw.length >> 8, ~raw.length & 0xff, (~raw.length >> 8) & 0xff])
  z.set(raw, 7)
  const ad = adler32(raw)
  z.set([ad >>> 24, (ad >>> 16) & 0xff, (ad >>> 8) & 0xff, ad & 0xff], 7 + raw.length)

  const ihdr = new Uint8Array(13)
  const v = new DataView(ihdr.buffer)
  v.setUint32(0, width)
  v.setUint32(4, height)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit, truecolour, deflate, adaptive filter, no interlace

  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', z), chunk('IEND', new Uint8Array(0))]
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  const out = new Uint8Array(signature.length + chunks.reduce((n, c) => n + c.length, 0))
  out.set(signature, 0)
  let at = signature.length
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length))
  return out
}
