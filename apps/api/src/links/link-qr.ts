import QRCode from 'qrcode';

export type QrFormat = 'svg' | 'png';

/** Medium error correction and a 2-module quiet zone: scans from print and screens alike. */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export const QR_CONTENT_TYPES: Record<QrFormat, string> = { svg: 'image/svg+xml; charset=utf-8', png: 'image/png' };

/** What a link's QR code encodes: its short URL marked `qr=1`, so scans are counted with `via` qr. */
export function qrPayload(publicUrl: string, slug: string): string {
  return `${publicUrl}/${slug}?qr=1`;
}

export function renderQr(payload: string, format: QrFormat, size: number): Promise<string | Buffer> {
  return format === 'svg'
    ? QRCode.toString(payload, { ...QR_OPTIONS, type: 'svg', width: size })
    : QRCode.toBuffer(payload, { ...QR_OPTIONS, type: 'png', width: size });
}
