import { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { ChangeEvent } from './change';
import { ChangesController, HEARTBEAT_MS } from './changes.controller';
import type { ChangesService } from './changes.service';

describe('ChangesController', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens with a comment, sends a comment line at least every 15 s, and ends with the bus', () => {
    const events = new Subject<ChangeEvent>();
    const cutOff$ = new Subject<void>();
    const changes = { stream: () => events, cutOff$ } as unknown as ChangesService;
    const received: MessageEvent[] = [];
    let ended = false;
    new ChangesController(changes).follow().subscribe({
      next: (message) => received.push(message),
      complete: () => (ended = true),
    });
    expect(HEARTBEAT_MS).toBeLessThan(15_000);
    jest.advanceTimersByTime(HEARTBEAT_MS);
    events.next({ id: 'e-1', data: { type: 'key', id: 'k1' } });
    jest.advanceTimersByTime(HEARTBEAT_MS);
    expect(received).toEqual([
      { comment: 'connected' },
      { comment: '' },
      { id: 'e-1', data: { type: 'key', id: 'k1' } },
      { comment: '' },
    ]);
    cutOff$.next();
    expect(ended).toBe(true);
  });
});
