/** An uploaded avatar, checked: what it is, how big, and its bytes without metadata. */
export interface AvatarImage {
  type: AvatarType;
  width: number;
  height: number;
  bytes: Buffer;
}

export type AvatarType = 'image/png' | 'image/jpeg' | 'image/webp';

export const AVATAR_EXTENSIONS: Record<AvatarType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** fits a JSON body of 64 kB as base64; the dashboard sends 256×256 WebP, ~15 kB */
export const MAX_AVATAR_BYTES = 45_000;
export const MAX_AVATAR_PIXELS = 1024;

export class AvatarImageError extends Error {}

const DATA_URL = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/**
 * Reads a `data:` URL holding a PNG, JPEG or WebP image: the declared type must be what the bytes
 * are (sniffed, never trusted), the image at most MAX_AVATAR_PIXELS on a side and MAX_AVATAR_BYTES.
 * A JPEG loses its metadata segments (EXIF can hold where a photo was taken).
 */
export function readAvatarImage(dataUrl: string): AvatarImage {
  const match = DATA_URL.exec(dataUrl);
  if (!match) throw new AvatarImageError('image must be a data: URL of a PNG, JPEG or WebP image in base64');
  const declared = match[1] as AvatarType;
  const bytes = Buffer.from(match[2], 'base64');
  if (bytes.length > MAX_AVATAR_BYTES) {
    throw new AvatarImageError(`image must be at most ${MAX_AVATAR_BYTES / 1000} kB; resize it to 256×256 first`);
  }
  const size = SIZE_READERS[declared](bytes);
  if (!size) throw new AvatarImageError(`image is not a valid ${AVATAR_EXTENSIONS[declared].toUpperCase()} file`);
  if (size.width < 1 || size.height < 1 || size.width > MAX_AVATAR_PIXELS || size.height > MAX_AVATAR_PIXELS) {
    throw new AvatarImageError(`image must be at most ${MAX_AVATAR_PIXELS}×${MAX_AVATAR_PIXELS} pixels`);
  }
  return { type: declared, ...size, bytes: declared === 'image/jpeg' ? withoutJpegMetadata(bytes) : bytes };
}

type Size = { width: number; height: number } | null;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): Size {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    return null;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Start-of-frame markers (baseline, progressive…), which carry the size; not DHT, JPG or DAC. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** The JPEG's segments before its image data: [marker, start, end) of each. */
function* jpegSegments(bytes: Buffer): Generator<{ marker: number; start: number; end: number }> {
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1];
    const end = offset + 2 + bytes.readUInt16BE(offset + 2);
    if (end > bytes.length) return;
    yield { marker, start: offset, end };
    if (marker === 0xda) return;
    offset = end;
  }
}

function jpegSize(bytes: Buffer): Size {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  for (const { marker, start, end } of jpegSegments(bytes)) {
    if (isStartOfFrame(marker) && end - start >= 9) {
      return { height: bytes.readUInt16BE(start + 5), width: bytes.readUInt16BE(start + 7) };
    }
  }
  return null;
}

/** APP1 (EXIF, XMP), APP13 (IPTC) and comments: what a camera or an editor writes about the photo. */
const METADATA_MARKERS = new Set([0xe1, 0xed, 0xfe]);

/** The JPEG without its metadata segments; what decoding needs (JFIF, the ICC profile, Adobe's APP14) stays. */
function withoutJpegMetadata(bytes: Buffer): Buffer {
  const dropped = [...jpegSegments(bytes)].filter(({ marker }) => METADATA_MARKERS.has(marker));
  if (dropped.length === 0) return bytes;
  const kept: Buffer[] = [];
  let from = 0;
  for (const { start, end } of dropped) {
    kept.push(bytes.subarray(from, start));
    from = end;
  }
  kept.push(bytes.subarray(from));
  return Buffer.concat(kept);
}

function webpSize(bytes: Buffer): Size {
  if (bytes.length < 30 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') {
    return null;
  }
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  }
  return null;
}

const SIZE_READERS: Record<AvatarType, (bytes: Buffer) => Size> = {
  'image/png': pngSize,
  'image/jpeg': jpegSize,
  'image/webp': webpSize,
};
