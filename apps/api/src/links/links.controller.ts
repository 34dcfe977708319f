import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { QR_CONTENT_TYPES } from './link-qr.js';
import { linkCsvHeader, linkCsvLine } from './link-export.js';
import { LinkListService } from './link-list.service.js';
import { CreateLinkDto, LinkDto, LinkListDto, ListedLinkDto, ListLinksQueryDto, QrQueryDto, UpdateLinkDto } from './links.dto.js';
import { LinksService, type RenderedQr } from './links.service.js';

/** Ids of other creators' links answer 404, as do ids that are not UUIDs. */
const LinkId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** An SVG served from the API origin is a document: it may run nothing and embed nothing. */
const QR_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
};

@ApiTags('links')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/links')
export class LinksController {
  constructor(
    private readonly links: LinksService,
    private readonly linkList: LinkListService,
  ) {}

  @Get()
  @ApiOkResponse({ type: LinkListDto })
  async list(@CreatorId() creatorId: string, @Query() query: ListLinksQueryDto): Promise<LinkListDto> {
    const page = await this.linkList.page(creatorId, query);
    return {
      items: page.links.map((link) => ListedLinkDto.fromListed(link, this.links.publicUrl)),
      nextCursor: page.nextCursor,
    };
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'every link (archived too) as CSV: url, slug, title, tags, short_url, created_at, expires_at, archived, clicks_30d',
  })
  async exportCsv(@CreatorId() creatorId: string, @Res() reply: FastifyReply): Promise<void> {
    const publicUrl = this.links.publicUrl;
    const pages = this.linkList.everyLink(creatorId);
    async function* lines(): AsyncGenerator<string> {
      yield linkCsvHeader();
      for await (const page of pages) yield page.map((link) => linkCsvLine(link, publicUrl)).join('');
    }
    await reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="links.csv"')
      .header('Cache-Control', 'no-store')
      .send(Readable.from(lines()));
  }

  @Post()
  @ApiCreatedResponse({ type: LinkDto })
  async create(@CreatorId() creatorId: string, @Body() dto: CreateLinkDto): Promise<LinkDto> {
    return LinkDto.from(await this.links.create(creatorId, dto), this.links.publicUrl);
  }

  @Get(':id')
  @ApiOkResponse({ type: LinkDto })
  async get(@CreatorId() creatorId: string, @LinkId() id: string): Promise<LinkDto> {
    return LinkDto.from(await this.links.get(creatorId, id), this.links.publicUrl);
  }

  @Patch(':id')
  @ApiOkResponse({ type: LinkDto })
  async update(@CreatorId() creatorId: string, @LinkId() id: string, @Body() dto: UpdateLinkDto): Promise<LinkDto> {
    return LinkDto.from(await this.links.update(creatorId, id, dto), this.links.publicUrl);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the link and its analytics are deleted; its slug is free again' })
  delete(@CreatorId() creatorId: string, @LinkId() id: string): Promise<void> {
    return this.links.delete(creatorId, id);
  }

  @Get(':id/qr.svg')
  @ApiProduces(QR_CONTENT_TYPES.svg)
  @ApiOkResponse({ description: 'a QR code of the short URL with ?qr=1' })
  async qrSvg(
    @CreatorId() creatorId: string,
    @LinkId() id: string,
    @Query() query: QrQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendQr(reply, await this.links.qr(creatorId, id, 'svg', query.size), query);
  }

  @Get(':id/qr.png')
  @ApiProduces(QR_CONTENT_TYPES.png)
  @ApiOkResponse({ description: 'a QR code of the short URL with ?qr=1' })
  async qrPng(
    @CreatorId() creatorId: string,
    @LinkId() id: string,
    @Query() query: QrQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendQr(reply, await this.links.qr(creatorId, id, 'png', query.size), query);
  }

  private sendQr(reply: FastifyReply, qr: RenderedQr, query: QrQueryDto): string | Buffer {
    void reply.headers(QR_HEADERS).type(QR_CONTENT_TYPES[qr.format]);
    if (query.download === '1' || query.download === 'true')
      void reply.header('Content-Disposition', `attachment; filename="${qr.filename}"`);
    return qr.body;
  }
}
