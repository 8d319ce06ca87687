import { applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '../common/swagger';

export const RateLimitPerIpMetadata = Reflector.createDecorator<boolean>();

/**
 * Limits a @Public() route per client address, with the anonymous budget
 * (RATE_LIMIT_ANONYMOUS) that requests without a valid key share. Public
 * routes without it are not limited, so that load balancers can poll
 * health and people can read the docs however busy the service is.
 */
export const RateLimitPerIp = () =>
  applyDecorators(
    RateLimitPerIpMetadata(true),
    ApiErrors(429),
    ApiHeader({
      name: 'X-Forwarded-For',
      required: false,
      example: '203.0.113.7',
      // Node refuses requests whose headers exceed 16 KiB together.
      schema: { type: 'string', maxLength: 16384 },
      description:
        "The client address that is limited, read from the entries that TRUST_PROXY's proxies appended.",
    }),
  );
