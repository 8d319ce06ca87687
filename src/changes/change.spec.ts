import { Change, ChangeHistory } from './change';

const change = (n: number): Change => ({ type: 'key', id: `k${n}` });

function historyWith(size: number, count: number): ChangeHistory {
  const history = new ChangeHistory(size);
  history.restart('ep', 0);
  for (let n = 1; n <= count; n++) expect(history.record(`ep-${n}`, change(n))).toBe(true);
  return history;
}

describe('ChangeHistory', () => {
  it('gives the events after a known id, and none after the latest', () => {
    const history = historyWith(10, 3);
    expect(history.since('ep-1')!.map((event) => event.id)).toEqual(['ep-2', 'ep-3']);
    expect(history.since('ep-0')).toHaveLength(3);
    expect(history.since('ep-3')).toEqual([]);
    expect(history.position).toBe('ep-3');
    expect(history.nextId).toBe('ep-4');
  });

  it.each([
    ['older than it holds', 'ep-1'],
    ['of another epoch', 'other-2'],
    ['ahead of the latest', 'ep-9'],
    ['malformed', 'ep-x'],
  ])('cannot resume from an id %s', (_, id) => {
    expect(historyWith(2, 4).since(id)).toBeNull();
  });

  it('resumes from the oldest id it still holds all events after', () => {
    expect(
      historyWith(2, 4)
        .since('ep-2')!
        .map((event) => event.id),
    ).toEqual(['ep-3', 'ep-4']);
  });

  it('restarts on a gap or a new epoch, holding nothing from before', () => {
    const history = historyWith(10, 2);
    expect(history.record('ep-5', change(5))).toBe(false);
    expect(history.position).toBe('ep-4');
    expect(history.record('ep-5', change(5))).toBe(true);
    expect(history.since('ep-1')).toBeNull();
    expect(history.since('ep-4')).toHaveLength(1);
    expect(history.record('new-1', change(1))).toBe(false);
    expect(history.since('ep-5')).toBeNull();
  });
});
