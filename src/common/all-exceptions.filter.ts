import { Catch } from '@nestjs/common';
import { LatchkeyExceptionFilter } from '@latchkey/guard';
import { isDatabaseUnavailableError } from './database-errors';

/** The guard package's envelope, with Latchkey's database outages answered 503. */
@Catch()
export class AllExceptionsFilter extends LatchkeyExceptionFilter {
  protected override isUnavailable(exception: unknown): boolean {
    return isDatabaseUnavailableError(exception);
  }
}
