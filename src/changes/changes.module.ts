import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { ChangesService } from './changes.service';

/**
 * The bus of key and user changes: the keys and users services publish,
 * the key cache and the change stream listen. No controller, so that
 * in-process verification can import it too.
 */
@Module({
  imports: [RedisModule],
  providers: [ChangesService],
  exports: [ChangesService],
})
export class ChangesModule {}
