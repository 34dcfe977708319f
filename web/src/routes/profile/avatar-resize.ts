/** What the server takes (apps/api/src/profile/avatar.image.ts): a data: URL of at most 45 kB. */
const MAX_BYTES = 45_000;
const SIDE = 256;

export class AvatarFileError extends Error {}

/**
 * The picked image cropped to its centre square and drawn at 256×256 as WebP, the way the public
 * page shows it; redrawing also leaves behind whatever the file said about the photo (EXIF, place).
 */
export async function avatarDataUrl(file: File): Promise<string> {
  if (!file.type.startsWith('image/')) throw new AvatarFileError('Choose an image file (PNG, JPEG or WebP).');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new AvatarFileError('This image could not be read. Try a PNG, JPEG or WebP file.');
  }
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = SIDE;
  canvas.height = SIDE;
  canvas.getContext('2d')!.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIDE, SIDE);
  bitmap.close();
  for (const quality of [0.85, 0.7, 0.5]) {
    const url = canvas.toDataURL('image/webp', quality);
    if (url.startsWith('data:image/webp') && (url.length - url.indexOf(',') - 1) * 0.75 <= MAX_BYTES) return url;
  }
  const png = canvas.toDataURL('image/png');
  if ((png.length - png.indexOf(',') - 1) * 0.75 <= MAX_BYTES) return png;
  throw new AvatarFileError('This image stays too large even at 256×256. Try a simpler picture.');
}
