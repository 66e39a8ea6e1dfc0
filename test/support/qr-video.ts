// QR codes as a camera would see them: a Y4M video (YUV4MPEG2, 4:2:0) for Chromium's fake capture device
// (`--use-file-for-fake-video-capture`), drawn from the module matrix of the `qrcode` package, and as a PNG picture.
import QRCode from 'qrcode'

/** One still frame (Chromium loops it) of `text` as a black-on-white QR code centred on a `width` x `height` picture. */
export function qrY4m(text: string, width = 640, height = 480): Buffer {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 needs even sizes')
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const quiet = 4
  const scale = Math.floor(Math.min(width, height) / (size + 2 * quiet))
  if (scale < 2) throw new Error(`QR code of ${size} modules does not fit ${width}x${height}`)
  const left = Math.floor((width - size * scale) / 2)
  const top = Math.floor((height - size * scale) / 2)
  const luma = Buffer.alloc(width * height, 235) // white (video range)
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue
      for (let y = 0; y < scale; y++) luma.fill(16, (top + row * scale + y) * width + left + col * scale, (top + row * scale + y) * width + left + (col + 1) * scale)
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii')
  return Buffer.concat([header, luma, chroma, chroma])
}

/** `text` as a PNG picture of its QR code (as a person would photograph or screenshot it). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 })
}
