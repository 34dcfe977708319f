import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AppConfig } from '@app/common';
import {
  generateSlug,
  hostOf,
  LinkFieldError,
  LinkRuleError,
  normaliseTags,
  normaliseTitle,
  normaliseRules,
  normaliseTargetUrl,
  parseExpiry,
  parseInstant,
  SelfLoopCheck,
  slugProblem,
  TargetUrlError,
} from '@app/links';
import {
  CreatorsRepository,
  type Link,
  type LinkChanges,
  LinksRepository,
  NameQuarantineRepository,
  ProfilesRepository,
  Transactions,
} from '@app/db';
import type { EntityManager } from 'typeorm';
import { LinkCache } from '../redirect/link-cache.service.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { qrPayload, type QrFormat } from './link-qr.js';
import { type CreateLinkDto, NON_NULLABLE_LINK_FIELDS, QR_SIZE, type UpdateLinkDto } from './links.dto.js';
import { QrRenderer } from './qr.renderer.js';

const UNIQUE_VIOLATION = '23505';
/** 31^7 slugs: a collision is rare, five in a row means something else is wrong */
const GENERATED_SLUG_ATTEMPTS = 5;

export interface RenderedQr {
  body: string | Buffer;
  format: QrFormat;
  /** for Content-Disposition when downloaded */
  filename: string;
}

/**
 * Creating, changing and deleting a creator's links. Each change is one transaction; once it is
 * committed, every API process is told to forget the slugs it touched.
 */
@Injectable()
export class LinksService {
  private readonly ownHost: string;

  constructor(
    private readonly links: LinksRepository,
    private readonly creators: CreatorsRepository,
    private readonly profiles: ProfilesRepository,
    private readonly transactions: Transactions,
    private readonly cache: LinkCache,
    private readonly config: AppConfig,
    private readonly selfLoops: SelfLoopCheck,
    private readonly quarantine: NameQuarantineRepository,
    private readonly qrRenderer: QrRenderer,
    private readonly limiter: RateLimiter,
  ) {
    this.ownHost = hostOf(config.publicUrl);
  }

  get publicUrl(): string {
    return this.config.publicUrl;
  }

  async get(creatorId: string, id: string): Promise<Link> {
    return (await this.links.findOwned(creatorId, id)) ?? this.notFound();
  }

  async create(creatorId: string, dto: CreateLinkDto): Promise<Link> {
    const fields = await this.checkedFields(dto);
    const chosenSlug = dto.slug ?? null;
    if (chosenSlug !== null) this.checkSlug(chosenSlug);
    const link = await this.transactions.run(async (tx) => {
      const onProfile = dto.onProfile ?? false;
      const profilePosition = onProfile ? await this.appendPosition(tx, creatorId) : 0;
      const conversionTracking = dto.conversionTracking ?? (await this.creators.tracksConversionsByDefault(creatorId, tx));
      for (let attempt = 0; attempt < GENERATED_SLUG_ATTEMPTS; attempt++) {
        const slug = chosenSlug ?? generateSlug();
        const reserved = await this.quarantinedFor(tx, creatorId, slug, null);
        if (reserved && chosenSlug !== null) throw this.slugQuarantined(slug, reserved);
        if (reserved) continue;
        const created = await this.links.insertUnlessSlugTaken(tx, {
          id: randomUUID(),
          creatorId,
          slug,
          url: fields.url!,
          title: fields.title ?? null,
          onProfile,
          profilePosition,
          expiresAt: fields.expiresAt ?? null,
          fallbackUrl: fields.fallbackUrl ?? null,
          tags: fields.tags ?? [],
          conversionTracking,
          rules: fields.rules ?? null,
          startsAt: fields.startsAt ?? null,
        });
        if (created) return created;
        if (chosenSlug !== null) throw this.slugTaken(chosenSlug);
      }
      throw new ServiceUnavailableException('No free slug was found; please try again');
    });
    // the slug may be negatively cached ("no such link") for a few seconds
    await this.cache.invalidate(link.slug);
    return link;
  }

  async update(creatorId: string, id: string, dto: UpdateLinkDto): Promise<Link> {
    for (const field of NON_NULLABLE_LINK_FIELDS) {
      if (dto[field] === null) throw new BadRequestException(`${field} must not be null`);
    }
    const changes: LinkChanges = await this.checkedFields(dto);
    if (dto.slug != null) changes.slug = this.checkSlug(dto.slug);
    const { before, after } = await this.transactions
      .run(async (tx) => {
        // the profile lock first, as every transaction that takes both does
        const appendPosition = dto.onProfile === true ? await this.appendPosition(tx, creatorId) : null;
        const current = (await this.links.findOwned(creatorId, id, tx, { forUpdate: true })) ?? this.notFound();
        if (changes.slug && (await this.links.isSlugTaken(tx, changes.slug, id))) throw this.slugTaken(changes.slug);
        const reserved = changes.slug ? await this.quarantinedFor(tx, creatorId, changes.slug, id) : null;
        if (reserved) throw this.slugQuarantined(changes.slug!, reserved);
        if (changes.slug && changes.slug.toLowerCase() !== current.slug.toLowerCase()) {
          await this.quarantine.release(tx, 'slug', [current.slug], creatorId, this.config.slugQuarantineDays);
        }
        if (dto.onProfile !== undefined && dto.onProfile !== current.onProfile) {
          changes.onProfile = dto.onProfile;
          if (appendPosition !== null) changes.profilePosition = appendPosition;
        }
        if (dto.archived !== undefined && dto.archived !== (current.archivedAt !== null)) {
          changes.archivedAt = dto.archived ? new Date() : null;
        }
        return { before: current, after: await this.links.update(tx, creatorId, id, changes) };
      })
      .catch((error: { code?: string }) => {
        if (error.code === UNIQUE_VIOLATION && changes.slug) throw this.slugTaken(changes.slug);
        throw error;
      });
    await this.cache.invalidate(before.slug);
    if (after.slug !== before.slug) await this.cache.invalidate(after.slug);
    return after;
  }

  /** The slug stays reserved to the creator for SLUG_QUARANTINE_DAYS (printed QR codes lead to it). */
  async delete(creatorId: string, id: string): Promise<void> {
    const slug = await this.transactions.run(async (tx) => {
      const deleted = (await this.links.delete(creatorId, id, tx)) ?? this.notFound();
      await this.quarantine.release(tx, 'slug', [deleted], creatorId, this.config.slugQuarantineDays);
      return deleted;
    });
    await this.cache.invalidate(slug);
  }

  async qr(creatorId: string, id: string, format: QrFormat, size: number = QR_SIZE.default): Promise<RenderedQr> {
    const link = await this.get(creatorId, id);
    const payload = qrPayload(this.config.publicUrl, link.slug);
    if (this.qrRenderer.wouldDraw(payload, format, size)) {
      await this.limiter.consume(
        {
          name: 'qr-renders',
          limit: this.config.qrRendersPerMinute,
          windowMs: 60_000,
          message: 'Too many QR codes drawn this minute; try again in {wait} (codes drawn before are answered at once)',
        },
        creatorId,
      );
    }
    const body = await this.qrRenderer.render(payload, format, size);
    return { body, format, filename: `${link.slug}-qr.${format}` };
  }

  /** The given fields, checked and normalised; a 400 naming the first problem otherwise. */
  private async checkedFields(dto: UpdateLinkDto): Promise<LinkChanges> {
    const fields: LinkChanges = {};
    try {
      if (dto.url != null) fields.url = normaliseTargetUrl('url', dto.url, { ownHost: this.ownHost });
      if (dto.fallbackUrl !== undefined) {
        fields.fallbackUrl =
          dto.fallbackUrl === null ? null : normaliseTargetUrl('fallbackUrl', dto.fallbackUrl, { ownHost: this.ownHost });
      }
      if (dto.title !== undefined) fields.title = normaliseTitle(dto.title);
      if (dto.expiresAt !== undefined) fields.expiresAt = dto.expiresAt === null ? null : parseExpiry(dto.expiresAt);
      if (dto.tags != null) fields.tags = normaliseTags(dto.tags);
      if (dto.conversionTracking != null) fields.conversionTracking = dto.conversionTracking;
      if (dto.rules !== undefined) {
        const rules = dto.rules === null ? [] : normaliseRules(dto.rules, { ownHost: this.ownHost });
        fields.rules = rules.length > 0 ? rules : null;
      }
      if (dto.startsAt !== undefined) fields.startsAt = dto.startsAt === null ? null : parseInstant('startsAt', dto.startsAt);
    } catch (error) {
      if (error instanceof TargetUrlError || error instanceof LinkFieldError || error instanceof LinkRuleError)
        throw new BadRequestException(error.message);
      throw error;
    }
    for (const field of ['url', 'fallbackUrl'] as const) {
      const problem = fields[field] ? await this.selfLoops.problem(field, fields[field]) : null;
      if (problem) throw new BadRequestException(problem);
    }
    for (const [i, rule] of (fields.rules ?? []).entries()) {
      const problem = await this.selfLoops.problem(`rules[${i}].url`, rule.url);
      if (problem) throw new BadRequestException(problem);
    }
    return fields;
  }

  private checkSlug(slug: string): string {
    const problem = slugProblem(slug);
    if (problem) throw new BadRequestException(problem);
    return slug;
  }

  private async appendPosition(tx: EntityManager, creatorId: string): Promise<number> {
    await this.profiles.lockLinkOrder(tx, creatorId);
    return this.links.nextProfilePosition(tx, creatorId);
  }

  /**
   * Until when the slug is reserved against this creator (a link of someone else's was deleted or
   * renamed from it), or null. The slug's lock is taken first (isSlugTaken) and the links read
   * before the quarantine: a deletion committing meanwhile is seen in one or the other.
   */
  private async quarantinedFor(
    tx: EntityManager,
    creatorId: string,
    slug: string,
    exceptLinkId: string | null,
  ): Promise<Date | null> {
    if (await this.links.isSlugTaken(tx, slug, exceptLinkId)) return null;
    return this.quarantine.reservedUntil('slug', slug, creatorId, tx);
  }

  private slugQuarantined(slug: string, until: Date): ConflictException {
    return new ConflictException(
      `The slug "${slug}" belonged to a removed link and is reserved until ${until.toISOString().slice(0, 10)}, so that its printed QR codes do not lead to someone else`,
    );
  }

  private slugTaken(slug: string): ConflictException {
    return new ConflictException(`The slug "${slug}" is taken`);
  }

  private notFound(): never {
    throw new NotFoundException('Link not found');
  }
}
