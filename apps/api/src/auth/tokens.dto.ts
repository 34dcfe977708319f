import { ApiProperty } from '@nestjs/swagger';
import type { ApiToken } from '@app/db';
import { IsString, Length } from 'class-validator';

export class CreateTokenDto {
  @ApiProperty({ example: 'Zapier' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class TokenDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the first characters, to recognise the token' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;

  static from(token: ApiToken): TokenDto {
    return {
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedTokenDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'shown once; only its hash is stored' }) token: string;
  @ApiProperty() createdAt: string;
}

export class TokenListDto {
  @ApiProperty({ type: [TokenDto] }) items: TokenDto[];
}
