import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/auth/password.hasher.js';
import type { LinkFunnel } from './conversion.model.js';
import type { SeedLink } from './traffic.model.js';

export const DEMO = {
  email: 'demo@linkpulse.local',
  password: 'demo-password',
  username: 'demo',
  timezone: 'Europe/Berlin',
} as const;

export interface SeedAccount {
  email: string;
  username: string;
  password: string;
  timezone: string;
}

export interface SeededCreator {
  id: string;
  links: SeedLink[];
  /** the links that track conversions, by link id */
  funnels: Map<string, LinkFunnel>;
  /** true when the account existed and was kept */
  existing: boolean;
}

const eur = (...amounts: number[]): Pick<LinkFunnel, 'amounts' | 'currency'> => ({ amounts, currency: 'EUR' });

/**
 * The links of a typical creator's page: a fresh video, a shop drop, a newsletter… with how popular
 * each is, and for those whose sign-ups and sales are tracked, how often a click leads to them.
 */
const LINKS: { slug: string; title: string; url: string; weight: number; onProfile: boolean; funnel?: LinkFunnel }[] = [
  {
    slug: 'studio-tour',
    title: 'New video: Studio tour',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    weight: 22,
    onProfile: true,
  },
  {
    slug: 'spring-drop',
    title: 'Spring drop — shop',
    url: 'https://shop.example.com/spring?utm_source=linkpulse',
    weight: 18,
    onProfile: true,
    funnel: { leadRate: 0.04, saleRate: 0.35, ...eur(2900, 4900, 4900, 8900, 12900) },
  },
  {
    slug: 'newsletter',
    title: 'Weekly newsletter',
    url: 'https://newsletter.example.com/subscribe',
    weight: 12,
    onProfile: true,
    funnel: { leadRate: 0.12, saleRate: 0, ...eur() },
  },
  {
    slug: 'podcast-42',
    title: 'Podcast ep. 42: making things',
    url: 'https://podcasts.example.com/ep/42',
    weight: 9,
    onProfile: true,
  },
  {
    slug: 'presets',
    title: 'Lightroom presets pack',
    url: 'https://gumroad.example.com/presets',
    weight: 8,
    onProfile: true,
    funnel: { leadRate: 0.03, saleRate: 0.55, ...eur(1900) },
  },
  { slug: 'tiktok', title: 'TikTok', url: 'https://www.tiktok.com/@example', weight: 6, onProfile: true },
  { slug: 'book-a-call', title: 'Book a call', url: 'https://cal.example.com/intro', weight: 4, onProfile: true },
  { slug: 'gear-list', title: 'My camera gear', url: 'https://kit.example.com/gear', weight: 5, onProfile: true },
  { slug: 'collab-form', title: 'Brand collaborations', url: 'https://forms.example.com/collab', weight: 2, onProfile: false },
  {
    slug: 'tour-tickets',
    title: 'Tour tickets',
    url: 'https://tickets.example.com/tour-2026',
    weight: 6,
    onProfile: false,
    funnel: { leadRate: 0.02, saleRate: 0.6, ...eur(4500, 9000, 13500) },
  },
  { slug: 'qr-poster', title: 'Poster QR code', url: 'https://example.com/poster', weight: 3, onProfile: false },
  { slug: 'old-giveaway', title: 'Giveaway (ended)', url: 'https://example.com/giveaway', weight: 1, onProfile: false },
];

const suffix = (): string => randomBytes(3).toString('hex');

/**
 * The account traffic is seeded for. With `replace`, an account with that email is deleted first
 * (its events, rollups and links go with it) so a re-run gives a fresh one; otherwise an existing
 * account is kept and its links reused, and new traffic is added to it.
 */
export async function seedCreator(db: DataSource, account: SeedAccount, options: { replace: boolean }): Promise<SeededCreator> {
  const found: { id: string }[] = await db.query('SELECT id FROM creators WHERE lower(email) = lower($1)', [account.email]);
  if (found.length > 0 && options.replace) {
    await db.query('DELETE FROM creators WHERE id = $1', [found[0].id]);
  } else if (found.length > 0) {
    const links: { id: string; slug: string }[] = await db.query(
      'SELECT id, slug FROM links WHERE creator_id = $1 ORDER BY created_at',
      [found[0].id],
    );
    if (links.length > 0) {
      const funnels = new Map<string, LinkFunnel>();
      links.forEach((link, i) => {
        const funnel = LINKS[i % LINKS.length].funnel;
        if (funnel) funnels.set(link.id, funnel);
      });
      return {
        id: found[0].id,
        existing: true,
        links: links.map((link, i) => ({ id: link.id, weight: LINKS[i % LINKS.length].weight })),
        funnels,
      };
    }
  }
  const id = found.length > 0 && !options.replace ? found[0].id : randomUUID();
  return db.transaction(async (tx) => {
    if (found.length === 0 || options.replace) {
      await tx.query(
        `INSERT INTO creators (id, email, username, password_hash, timezone, currency) VALUES ($1, $2, $3, $4, $5, 'EUR')`,
        [id, account.email, account.username, await hashPassword(account.password), account.timezone],
      );
      await tx.query(
        `INSERT INTO profiles (creator_id, title, bio) VALUES ($1, $2, $3)
         ON CONFLICT (creator_id) DO UPDATE SET title = EXCLUDED.title, bio = EXCLUDED.bio`,
        [id, 'Studio Nova', 'Photography, gear and behind-the-scenes. New video every Friday.'],
      );
    }
    const links: SeedLink[] = [];
    const funnels = new Map<string, LinkFunnel>();
    for (const [position, link] of LINKS.entries()) {
      const linkId = randomUUID();
      const taken: unknown[] = await tx.query('SELECT 1 FROM links WHERE lower(slug) = $1', [link.slug]);
      await tx.query(
        `INSERT INTO links (id, creator_id, slug, url, title, on_profile, profile_position, conversion_tracking, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::int, $8, now() - interval '400 days' + $7::int * interval '1 minute')`,
        [
          linkId,
          id,
          taken.length > 0 ? `${link.slug}-${suffix()}` : link.slug,
          link.url,
          link.title,
          link.onProfile,
          position,
          link.funnel !== undefined,
        ],
      );
      links.push({ id: linkId, weight: link.weight });
      if (link.funnel) funnels.set(linkId, link.funnel);
    }
    return { id, links, funnels, existing: false };
  });
}
