import type { DeviceType, EnrichedHit, Via } from '@app/common';
import { uuidV7 } from '@app/common';
import { ZoneClock } from '@app/analytics';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A list of values with weights, drawn from in proportion. */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly values: T[] = [];

  constructor(entries: [T, number][]) {
    let sum = 0;
    for (const [value, weight] of entries) {
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= sum;
  }

  pick(random: () => number): T {
    const r = random();
    for (let i = 0; i < this.cumulative.length; i++) if (r < this.cumulative[i]) return this.values[i];
    return this.values[this.values.length - 1];
  }
}

/** The referrer hosts each platform sends (none from most in-app browsers). */
const REFERRERS: Record<string, (string | null)[]> = {
  instagram: [null, null, 'l.instagram.com'],
  tiktok: [null, null, null, 'www.tiktok.com'],
  youtube: ['www.youtube.com', 'm.youtube.com'],
  x: ['t.co'],
  direct: [null],
  google: ['www.google.com', 'www.google.de', 'www.google.co.uk'],
  facebook: ['l.facebook.com', 'lm.facebook.com'],
  linkedin: ['www.linkedin.com', 'lnkd.in'],
  reddit: ['out.reddit.com', 'www.reddit.com'],
  other: ['news.ycombinator.com', 'duckduckgo.com', 'substack.com', 'www.bing.com'],
};

/** Where people come from. */
const PLATFORMS = new Weighted<string>([
  ['instagram', 32],
  ['tiktok', 19],
  ['youtube', 10],
  ['x', 7],
  ['direct', 12],
  ['google', 6],
  ['facebook', 4],
  ['linkedin', 2],
  ['reddit', 2],
  ['other', 4],
]);

const PLACES = new Weighted<[string, [string, string][]]>([
  [
    [
      'US',
      [
        ['California', 'Los Angeles'],
        ['New York', 'New York'],
        ['Texas', 'Austin'],
        ['Illinois', 'Chicago'],
        ['Florida', 'Miami'],
        ['Washington', 'Seattle'],
      ],
    ],
    28,
  ],
  [
    [
      'DE',
      [
        ['Berlin', 'Berlin'],
        ['Bavaria', 'Munich'],
        ['Hamburg', 'Hamburg'],
        ['North Rhine-Westphalia', 'Cologne'],
        ['Hesse', 'Frankfurt am Main'],
      ],
    ],
    12,
  ],
  [
    [
      'GB',
      [
        ['England', 'London'],
        ['England', 'Manchester'],
        ['Scotland', 'Edinburgh'],
        ['England', 'Bristol'],
      ],
    ],
    9,
  ],
  [
    [
      'IN',
      [
        ['Maharashtra', 'Mumbai'],
        ['Karnataka', 'Bengaluru'],
        ['Delhi', 'New Delhi'],
        ['Tamil Nadu', 'Chennai'],
      ],
    ],
    7,
  ],
  [
    [
      'BR',
      [
        ['São Paulo', 'São Paulo'],
        ['Rio de Janeiro', 'Rio de Janeiro'],
        ['Minas Gerais', 'Belo Horizonte'],
      ],
    ],
    6,
  ],
  [
    [
      'FR',
      [
        ['Île-de-France', 'Paris'],
        ['Auvergne-Rhône-Alpes', 'Lyon'],
        ["Provence-Alpes-Côte d'Azur", 'Marseille'],
      ],
    ],
    5,
  ],
  [
    [
      'CA',
      [
        ['Ontario', 'Toronto'],
        ['Quebec', 'Montreal'],
        ['British Columbia', 'Vancouver'],
      ],
    ],
    4,
  ],
  [
    [
      'ES',
      [
        ['Madrid', 'Madrid'],
        ['Catalonia', 'Barcelona'],
      ],
    ],
    3,
  ],
  [
    [
      'IT',
      [
        ['Lombardy', 'Milan'],
        ['Lazio', 'Rome'],
      ],
    ],
    3,
  ],
  [
    [
      'MX',
      [
        ['Mexico City', 'Mexico City'],
        ['Jalisco', 'Guadalajara'],
      ],
    ],
    3,
  ],
  [
    [
      'NL',
      [
        ['North Holland', 'Amsterdam'],
        ['South Holland', 'Rotterdam'],
      ],
    ],
    2,
  ],
  [
    [
      'AU',
      [
        ['New South Wales', 'Sydney'],
        ['Victoria', 'Melbourne'],
      ],
    ],
    2,
  ],
  [
    [
      'JP',
      [
        ['Tokyo', 'Tokyo'],
        ['Osaka', 'Osaka'],
      ],
    ],
    2,
  ],
  [['PL', [['Mazovia', 'Warsaw']]], 2],
  [['TR', [['Istanbul', 'Istanbul']]], 2],
  [['SE', [['Stockholm', 'Stockholm']]], 1],
  [['AT', [['Vienna', 'Vienna']]], 1],
  [['CH', [['Zurich', 'Zurich']]], 1],
  [['NP', [['Bagmati', 'Kathmandu']]], 0.3],
  [['unknown', [['unknown', 'unknown']]], 2],
]);

/** Device, OS and browser together, since they go together. */
const CLIENTS = new Weighted<[DeviceType, string, string]>([
  [['mobile', 'iOS', 'Safari'], 24],
  [['mobile', 'iOS', 'Instagram'], 14],
  [['mobile', 'iOS', 'TikTok'], 6],
  [['mobile', 'iOS', 'Chrome'], 3],
  [['mobile', 'Android', 'Chrome'], 17],
  [['mobile', 'Android', 'Instagram'], 8],
  [['mobile', 'Android', 'TikTok'], 4],
  [['mobile', 'Android', 'Samsung Internet'], 3],
  [['tablet', 'iOS', 'Safari'], 3],
  [['tablet', 'Android', 'Chrome'], 1],
  [['desktop', 'Windows', 'Chrome'], 7],
  [['desktop', 'macOS', 'Safari'], 4],
  [['desktop', 'macOS', 'Chrome'], 3],
  [['desktop', 'Windows', 'Edge'], 2],
  [['desktop', 'Linux', 'Firefox'], 1],
  [['other', 'unknown', 'unknown'], 0.5],
]);

const BOTS = new Weighted<string>([
  ['Twitterbot', 14],
  ['facebookexternalhit', 14],
  ['iMessage', 10],
  ['WhatsApp', 10],
  ['Slackbot', 8],
  ['Discordbot', 8],
  ['TelegramBot', 6],
  ['LinkedInBot', 4],
  ['Googlebot', 8],
  ['bingbot', 4],
  ['curl', 5],
  ['python-requests', 4],
  ['UptimeRobot', 5],
]);

const CAMPAIGNS = new Weighted<[string | null, string | null, string | null]>([
  [[null, null, null], 70],
  [['instagram', 'social', 'spring-drop'], 10],
  [['tiktok', 'social', 'spring-drop'], 5],
  [['newsletter', 'email', 'weekly-digest'], 8],
  [['youtube', 'video', 'studio-tour'], 5],
  [['partner', 'referral', 'collab-2026'], 2],
]);

/** Share of the day's traffic per local hour: quiet at night, a lunch bump, the evening peak. */
const DIURNAL = [
  0.25, 0.16, 0.1, 0.07, 0.07, 0.1, 0.22, 0.45, 0.65, 0.75, 0.82, 0.9, 1.0, 0.95, 0.85, 0.82, 0.85, 0.95, 1.1, 1.3, 1.45, 1.4,
  1.05, 0.55,
];
/** Monday … Sunday */
const WEEKLY = [0.92, 0.95, 0.97, 1.0, 1.04, 1.18, 1.12];

export interface SeedLink {
  id: string;
  /** relative popularity */
  weight: number;
}

export interface TrafficOptions {
  creatorId: string;
  links: SeedLink[];
  /** the creator's zone: their audience's day and week follow it */
  timeZone: string;
  from: number;
  to: number;
  /** human clicks to make; profile views and bot hits come on top */
  clicks: number;
  /** profile views per click */
  viewsPerClick?: number;
  /** share of all hits made by bots */
  botShare?: number;
  /** hours [start, end) whose traffic is multiplied by `factor` (the demo's spike and drop, for its alerts) */
  anomalies?: { start: number; end: number; factor: number }[];
  random: () => number;
}

interface Post {
  at: number;
  link: number;
  source: string;
  /** extra traffic at the moment of posting, as a multiple of the usual hour */
  amplitude: number;
  decayHours: number;
}

interface Hour {
  start: number;
  end: number;
  clicks: number;
  views: number;
  bots: number;
  /** share of the hour's traffic that comes from a recent post, and that post */
  spike: number;
  post: Post | null;
  visitorPool: number;
}

/** 128-bit-looking hex from two integers (a fast integer hash, not cryptographic: ids only need to differ). */
function visitorHex(day: number, person: number, salt: number): string {
  let out = '';
  for (let round = 0; round < 4; round++) {
    let h = Math.imul(day ^ (round * 0x9e3779b9), 0x85ebca6b) ^ Math.imul(person + salt, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x846ca68b);
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * Synthetic traffic a creator could have: a daily and weekly rhythm in their zone, slow growth,
 * a post every few days that spikes one link from one platform and decays over hours, the
 * platform, country and device mixes of link-in-bio traffic, repeat visits within a day, profile
 * views with clicks from the page, and 5–10% bots (link-preview fetchers spike with posts).
 */
export class TrafficModel {
  readonly hours: Hour[];
  readonly total: number;
  private readonly linkChoice: Weighted<number>;
  private readonly salt: number;

  constructor(private readonly options: TrafficOptions) {
    const { random } = options;
    this.linkChoice = new Weighted(options.links.map((link, i): [number, number] => [i, link.weight]));
    this.salt = Math.floor(random() * 2 ** 31);
    const posts = this.posts();
    const clock = ZoneClock.of(options.timeZone);
    const weights: { start: number; end: number; base: number; spike: number; post: Post | null }[] = [];
    for (let start = Math.floor(options.from / HOUR) * HOUR; start < options.to; start += HOUR) {
      const [weekday, hour] = clock.weekdayAndHour(start);
      const progress = (start - options.from) / Math.max(1, options.to - options.from);
      const noise = 0.85 + 0.3 * random();
      const base = DIURNAL[hour] * WEEKLY[weekday] * (0.7 + 0.6 * progress) * noise;
      let spike = 0;
      let post: Post | null = null;
      for (const candidate of posts) {
        if (candidate.at > start + HOUR || start + HOUR - candidate.at > 5 * candidate.decayHours * HOUR) continue;
        const boost = candidate.amplitude * Math.exp(-Math.max(0, start - candidate.at) / (candidate.decayHours * HOUR));
        if (boost > spike) post = candidate;
        spike += boost;
      }
      const end = Math.min(start + HOUR, options.to);
      const anomaly = options.anomalies?.find((a) => start >= a.start && start < a.end)?.factor ?? 1;
      const partial = ((end - Math.max(start, options.from)) / HOUR) * anomaly;
      weights.push({ start: Math.max(start, options.from), end, base: base * partial, spike: spike * base * partial, post });
    }
    const sum = weights.reduce((total, w) => total + w.base + w.spike, 0);
    const viewsPerClick = options.viewsPerClick ?? 0.45;
    const botShare = options.botShare ?? 0.07;
    // largest-remainder rounding keeps the clicks exactly as asked
    const exact = weights.map((w) => ((w.base + w.spike) / sum) * options.clicks);
    const clicks = exact.map(Math.floor);
    let missing = options.clicks - clicks.reduce((a, b) => a + b, 0);
    const order = exact.map((x, i): [number, number] => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
    for (let i = 0; missing > 0; i = (i + 1) % order.length, missing--) clicks[order[i][1]]++;
    this.hours = weights.map((w, i) => {
      const views = Math.round(clicks[i] * viewsPerClick * (0.8 + 0.4 * random()));
      const people = clicks[i] + views;
      return {
        start: w.start,
        end: w.end,
        clicks: clicks[i],
        views,
        // previews spike with posts: bots follow the spike share more than people do
        bots: Math.round((people * botShare * (1 + (w.spike / (w.base + w.spike || 1)) * 1.5)) / (1 - botShare)),
        spike: w.spike / (w.base + w.spike || 1),
        post: w.post,
        visitorPool: Math.max(1, Math.round(people * 24 * 0.7)),
      };
    });
    this.total = this.hours.reduce((sum, hour) => sum + hour.clicks + hour.views + hour.bots, 0);
  }

  /** The hits, hour by hour, in batches of about `size`. */
  *batches(size: number): Generator<EnrichedHit[]> {
    let batch: EnrichedHit[] = [];
    for (const hour of this.hours) {
      for (let i = 0; i < hour.clicks; i++) batch.push(this.hit(hour, 'click', false));
      for (let i = 0; i < hour.views; i++) batch.push(this.hit(hour, 'view', false));
      for (let i = 0; i < hour.bots; i++) batch.push(this.hit(hour, this.options.random() < 0.9 ? 'click' : 'view', true));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  private hit(hour: Hour, kind: 'click' | 'view', isBot: boolean): EnrichedHit {
    const { random, links, creatorId } = this.options;
    const at = hour.start + Math.floor(random() * (hour.end - hour.start));
    const fromPost = hour.post !== null && random() < hour.spike;
    let source: string;
    let via: Via = 'direct';
    let linkId: string | null = null;
    let referrerHost: string | null = null;
    if (kind === 'click') {
      linkId = links[fromPost ? hour.post!.link : this.linkChoice.pick(random)].id;
      const r = random();
      via = fromPost ? 'direct' : r < 0.22 ? 'profile' : r < 0.25 ? 'qr' : 'direct';
    }
    if (via === 'profile') source = 'profile';
    else if (via === 'qr') source = 'qr';
    else {
      source = fromPost ? hour.post!.source : PLATFORMS.pick(random);
      const referrers = REFERRERS[source];
      referrerHost = referrers[Math.floor(random() * referrers.length)];
    }
    const [country, places] = PLACES.pick(random);
    const [region, city] = places[Math.floor(random() * places.length)];
    const [device, os, browser] = isBot ? (['other', 'unknown', 'unknown'] as const) : CLIENTS.pick(random);
    const [utmSource, utmMedium, utmCampaign] = kind === 'click' && !isBot ? CAMPAIGNS.pick(random) : [null, null, null];
    const day = Math.floor(at / DAY);
    return {
      id: uuidV7(at),
      at,
      kind,
      creatorId,
      linkId,
      isBot,
      botName: isBot ? BOTS.pick(random) : null,
      visitorId: visitorHex(day, Math.floor(random() * hour.visitorPool) + (isBot ? 1e9 : 0), this.salt),
      source: isBot ? (referrerHost ? source : 'direct') : source,
      referrerHost: via === 'profile' ? 'linkpulse.local' : referrerHost,
      utmSource,
      utmMedium,
      utmCampaign,
      utmTerm: null,
      utmContent: null,
      country,
      region,
      city,
      device,
      browser,
      os,
      via,
    };
  }

  /** A post every 2–6 days, mostly on Instagram and TikTok, each pushing one link. */
  private posts(): Post[] {
    const { random, from, to } = this.options;
    const posts: Post[] = [];
    const platforms = new Weighted<string>([
      ['instagram', 45],
      ['tiktok', 30],
      ['youtube', 12],
      ['x', 13],
    ]);
    for (let at = from + random() * 2 * DAY; at < to; at += (2 + random() * 4) * DAY) {
      posts.push({
        at,
        link: this.linkChoice.pick(random),
        source: platforms.pick(random),
        amplitude: 2 + random() * (random() < 0.1 ? 25 : 6),
        decayHours: 4 + random() * 14,
      });
    }
    return posts;
  }
}
