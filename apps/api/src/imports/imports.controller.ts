import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@app/links';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { ImportDto, ImportListDto, UploadImportQueryDto } from './imports.dto.js';
import { ImportsService } from './imports.service.js';

const ImportId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('imports')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: `an export of Bitly, Shlink, Kutt or YOURLS, or url,slug,title,tags (UTF-8, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB and ${MAX_IMPORT_ROWS} rows); the format is told from the header`,
    schema: { type: 'string' },
  })
  @ApiAcceptedResponse({ type: ImportDto, description: 'queued: follow it with GET /imports/{id}' })
  async upload(@CreatorId() creatorId: string, @Body() csv: unknown, @Query() query: UploadImportQueryDto): Promise<ImportDto> {
    if (typeof csv !== 'string') throw new BadRequestException('Upload the file itself, with Content-Type: text/csv');
    return ImportDto.from(await this.imports.upload(creatorId, csv, query.filename?.trim() || null));
  }

  @Get()
  @ApiOkResponse({ type: ImportListDto })
  async list(@CreatorId() creatorId: string): Promise<ImportListDto> {
    return { items: (await this.imports.list(creatorId)).map((entry) => ImportDto.from(entry)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportDto })
  async get(@CreatorId() creatorId: string, @ImportId() id: string): Promise<ImportDto> {
    const { entry, rows } = await this.imports.get(creatorId, id);
    return ImportDto.from(entry, rows);
  }
}
