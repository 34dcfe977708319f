import { beforeEach, describe, expect, it } from '@jest/globals';
import { NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type Mock, mockOf } from '../../../../test/support/mocks.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { hashSecret } from './secret-token.js';
import { TokensService } from './tokens.service.js';

describe('TokensService', () => {
  let service: TokensService;
  let tokens: Mock<ApiTokensRepository>;

  beforeEach(async () => {
    tokens = mockOf<ApiTokensRepository>();
    const module = await Test.createTestingModule({
      providers: [TokensService, { provide: ApiTokensRepository, useValue: tokens }],
    }).compile();
    service = module.get(TokensService);
  });

  it('shows the secret once and stores only its hash and first characters', async () => {
    const createdAt = new Date('2026-11-20T10:00:00Z');
    tokens.insert.mockImplementation(async (token) => ({ ...token, createdAt }));
    const created = await service.create('c1', 'Zapier');
    expect(created.token).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Zapier', createdAt: '2026-11-20T10:00:00.000Z' });
    const [stored] = tokens.insert.mock.calls[0];
    expect(stored).toMatchObject({ id: created.id, creatorId: 'c1', prefix: created.token.slice(0, 9), lastUsedAt: null });
    expect(stored.tokenHash).toEqual(hashSecret(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(9));
  });

  it('lists without secrets', async () => {
    tokens.listOf.mockResolvedValue([
      {
        id: 't1',
        creatorId: 'c1',
        name: 'Zapier',
        tokenHash: hashSecret('x'),
        prefix: 'lp_abcdef',
        createdAt: new Date(0),
        lastUsedAt: null,
      },
    ]);
    await expect(service.list('c1')).resolves.toEqual([
      { id: 't1', name: 'Zapier', prefix: 'lp_abcdef', createdAt: '1970-01-01T00:00:00.000Z', lastUsedAt: null },
    ]);
  });

  it('revoking a token the creator does not have is a 404', async () => {
    tokens.delete.mockResolvedValue(false);
    await expect(service.revoke('c1', 't9')).rejects.toThrow(new NotFoundException('Token not found'));
    tokens.delete.mockResolvedValue(true);
    await expect(service.revoke('c1', 't1')).resolves.toBeUndefined();
    expect(tokens.delete).toHaveBeenLastCalledWith('c1', 't1');
  });
});
