import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { AvatarImageError, MAX_AVATAR_BYTES, readAvatarImage } from './avatar.image.js';

const fixture = (ext: string): Buffer => readFileSync(new URL(`./__fixtures__/avatar-40x30.${ext}`, import.meta.url));
const dataUrl = (type: string, bytes: Buffer): string => `data:${type};base64,${bytes.toString('base64')}`;

/** An EXIF segment (APP1) that says where the photo was taken, and a comment, put right after SOI. */
function withMetadata(jpeg: Buffer): Buffer {
  const segment = (marker: number, text: string): Buffer => {
    const body = Buffer.from(text, 'latin1');
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  return Buffer.concat([
    jpeg.subarray(0, 2),
    segment(0xe1, 'Exif\0\0GPS 48.8566N 2.3522E'),
    segment(0xfe, 'secret'),
    jpeg.subarray(2),
  ]);
}

describe('readAvatarImage', () => {
  it.each([
    ['image/png', 'png'],
    ['image/jpeg', 'jpg'],
    ['image/webp', 'webp'],
  ])('reads a %s and its size', (type, ext) => {
    const image = readAvatarImage(dataUrl(type, fixture(ext)));
    expect(image).toMatchObject({ type, width: 40, height: 30 });
    expect(image.bytes.equals(fixture(ext))).toBe(true);
  });

  it("drops a JPEG's EXIF and comments, and keeps the image", () => {
    const tagged = withMetadata(fixture('jpg'));
    const image = readAvatarImage(dataUrl('image/jpeg', tagged));
    expect(tagged.includes('GPS')).toBe(true);
    expect(image.bytes.includes('GPS')).toBe(false);
    expect(image.bytes.includes('secret')).toBe(false);
    expect(image.bytes.equals(fixture('jpg'))).toBe(true);
  });

  it('refuses bytes that are not what the data URL says', () => {
    expect(() => readAvatarImage(dataUrl('image/png', fixture('jpg')))).toThrow('image is not a valid PNG file');
    expect(() => readAvatarImage(dataUrl('image/webp', Buffer.from('<svg onload=alert(1)>')))).toThrow(AvatarImageError);
  });

  it('refuses other types, other URLs and broken base64', () => {
    for (const value of [
      dataUrl('image/svg+xml', Buffer.from('<svg/>')),
      dataUrl('image/gif', Buffer.from('GIF89a')),
      'https://example.com/a.png',
      'data:image/png;base64,@@@',
      '',
    ]) {
      expect(() => readAvatarImage(value)).toThrow('image must be a data: URL of a PNG, JPEG or WebP image in base64');
    }
  });

  it('refuses images over the byte and pixel limits', () => {
    const huge = Buffer.concat([fixture('png'), Buffer.alloc(MAX_AVATAR_BYTES)]);
    expect(() => readAvatarImage(dataUrl('image/png', huge))).toThrow('at most 45 kB');
    const wide = Buffer.from(fixture('png'));
    wide.writeUInt32BE(4000, 16);
    expect(() => readAvatarImage(dataUrl('image/png', wide))).toThrow('at most 1024×1024 pixels');
  });
});
