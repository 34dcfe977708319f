import { randomFillSync } from 'node:crypto';

/**
 * The redirect makes an id per click, before its 302 (a conversion-tracked link carries it in the
 * Location), so an id must cost next to nothing: the random part of 512 ids ("-7xxx-yxxx-xxxxxxxxxxxx",
 * 74 random bits each) is drawn and formatted in one go, and the time part is formatted once per
 * millisecond. An id is then one slice and one concatenation (docs/benchmarks.md).
 */
const IDS_PER_REFILL = 512;
const RANDOM_BYTES = 10;
const TAIL_LENGTH = 23;
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;
const SEVEN = 0x37;

const random = Buffer.alloc(RANDOM_BYTES * IDS_PER_REFILL);
const text = Buffer.alloc(TAIL_LENGTH * IDS_PER_REFILL);
let tails = '';
let nextTail = IDS_PER_REFILL;
let timeOf = -1;
let timePart = '';

function hexPair(target: number, byte: number): void {
  text[target] = HEX[byte >> 4];
  text[target + 1] = HEX[byte & 15];
}

/** Random tails of the next 512 ids: 12 bits after the version, the variant's 2 bits and 12, then 48. */
function refillTails(): void {
  randomFillSync(random);
  for (let i = 0; i < IDS_PER_REFILL; i++) {
    const r = i * RANDOM_BYTES;
    const t = i * TAIL_LENGTH;
    text[t] = DASH;
    text[t + 1] = SEVEN;
    text[t + 2] = HEX[random[r] & 15];
    hexPair(t + 3, random[r + 1]);
    text[t + 5] = DASH;
    text[t + 6] = HEX[8 | (random[r] >> 6)];
    text[t + 7] = HEX[random[r + 9] & 15];
    hexPair(t + 8, random[r + 2]);
    text[t + 10] = DASH;
    for (let b = 0; b < 6; b++) hexPair(t + 11 + 2 * b, random[r + 3 + b]);
  }
  tails = text.toString('latin1');
  nextTail = 0;
}

/** RFC 9562 UUID version 7: time-ordered, so capture ids sort by capture time. */
export function uuidV7(now: number = Date.now()): string {
  if (nextTail === IDS_PER_REFILL) refillTails();
  if (now !== timeOf) {
    const time = now.toString(16).padStart(12, '0');
    timePart = `${time.slice(0, 8)}-${time.slice(8)}`;
    timeOf = now;
  }
  const start = nextTail++ * TAIL_LENGTH;
  return timePart + tails.slice(start, start + TAIL_LENGTH);
}
