import { randomUUID } from 'node:crypto';

/** Inserts a link straight into the database (for tests of the capture path, not of the links API). */
export async function insertLink(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  creatorId: string,
  fields: { slug?: string; url?: string; expiresAt?: Date | null; fallbackUrl?: string | null } = {},
): Promise<{ id: string; slug: string; url: string }> {
  const id = randomUUID();
  const slug = fields.slug ?? `t${id.replaceAll('-', '').slice(0, 10)}`;
  const url = fields.url ?? 'https://example.com/landing?ref=bio';
  await db.query(`INSERT INTO links (id, creator_id, slug, url, expires_at, fallback_url) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id,
    creatorId,
    slug,
    url,
    fields.expiresAt ?? null,
    fields.fallbackUrl ?? null,
  ]);
  return { id, slug, url };
}
