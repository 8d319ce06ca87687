import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { extractApiKey } from '../../src/auth/extract-api-key';
import type { MeResponseDto } from '../../src/auth/dto/me-response.dto';
import { ApiError } from '../../src/common/api-error';
import { VerifyKeyDto } from '../../src/keys/dto/verify-key.dto';
import { KeyTier } from '../../src/domain/key-tier';
import { KeyTokensService } from '../../src/keys/key-tokens.service';
import { Public } from '../../src/permissions/permissions.decorators';
import { rateLimitConfig } from '../../src/rate-limit/rate-limit.config';
import { setRateLimitHeaders } from '../../src/rate-limit/rate-limit.service';
import { Role } from '../../src/domain/permission';

/** A token's state in the floor route: the body /me would send, and a count. */
interface FloorState {
  me: MeResponseDto;
  hits: number;
}

/**
 * The benchmark's yardsticks: public routes that go through the same
 * Fastify, Nest, global guards, pipes and exception filter as every other
 * route but do little or no work of their own, so `npm run bench` can report
 * each real route as a fraction of them. `POST hello` also receives and
 * validates the body `POST /keys/verify` takes, so that verify can be read
 * against what a body alone costs as well as against the plain `GET hello`;
 * `GET floor` does the least a key check must. Not part of the API, hence
 * left out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  /** Bounded like the key cache, whatever tokens are sent. */
  private readonly floorStates = new LRUCache<string, FloorState>({ max: 10_000 });

  constructor(
    private readonly tokens: KeyTokensService,
    @Inject(rateLimitConfig.KEY) private readonly rateLimits: ConfigType<typeof rateLimitConfig>,
  ) {}

  @Get('hello')
  @Public()
  hello(): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }

  /**
   * The least an authenticated, rate-limited `GET /me` could cost inside a
   * Nest route: read the key from the header, check its format, hash it,
   * find its state in process memory, count the request, and answer with the
   * three X-RateLimit-* headers and a body of /me's shape. The global guards
   * pass it as public, as they pass hello; none of Latchkey's key, permission
   * or rate-limit services or its database take part, and a token's state is
   * made up on its first request. Its ratio to hello bounds what GET /me can
   * reach.
   */
  @Get('floor')
  @Public()
  floor(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): { data: MeResponseDto } {
    const token = extractApiKey(request.raw);
    if (!token || !this.tokens.isWellFormed(token)) throw ApiError.unauthorized();
    const keyHash = this.tokens.hash(token);
    let state = this.floorStates.get(keyHash);
    if (!state) {
      state = { me: madeUpMe(this.tokens.describe(token).maskedKey), hits: 0 };
      this.floorStates.set(keyHash, state);
    }
    state.hits += 1;
    // The standard tier's configured budget, as /me's headers carry it.
    const limit = this.rateLimits.limits[KeyTier.Standard];
    setRateLimitHeaders(reply, {
      limit,
      remaining: Math.max(0, limit - state.hits),
      reset: this.rateLimits.windowS,
    });
    return { data: state.me };
  }

  @Post('hello')
  @HttpCode(HttpStatus.OK)
  @Public()
  helloWithBody(@Body() _body: VerifyKeyDto): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }
}

function madeUpMe(maskedKey: string): MeResponseDto {
  return {
    user: { id: randomUUID(), name: 'floor', role: Role.Admin },
    key: {
      id: randomUUID(),
      name: 'floor',
      masked_key: maskedKey,
      tier: KeyTier.Standard,
      scopes: [],
      expires_at: null,
    },
    grants: [],
  };
}
