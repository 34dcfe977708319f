import { ApiProperty } from '@nestjs/swagger';
import type { PublishableKey } from '@app/db';
import { ArrayMaxSize, IsArray, IsString, Length, MaxLength } from 'class-validator';
import { MAX_ALLOWED_ORIGINS } from './allowed-origin.rules.js';

export class CreatePublishableKeyDto {
  @ApiProperty({ example: 'Shop' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    type: [String],
    example: ['https://shop.example.com'],
    description: `origins (scheme, host, port) whose pages may record conversions with the key; at most ${MAX_ALLOWED_ORIGINS}`,
  })
  @IsArray()
  @ArrayMaxSize(MAX_ALLOWED_ORIGINS)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  allowedOrigins: string[];
}

export class PublishableKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the first characters, to recognise the key' }) prefix: string;
  @ApiProperty({ type: [String] }) allowedOrigins: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;

  static from(key: PublishableKey): PublishableKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      allowedOrigins: key.allowedOrigins,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedPublishableKeyDto extends PublishableKeyDto {
  @ApiProperty({ description: 'shown once; only its hash is stored. It can record conversions and nothing else' }) key: string;
}

export class PublishableKeyListDto {
  @ApiProperty({ type: [PublishableKeyDto] }) items: PublishableKeyDto[];
}
