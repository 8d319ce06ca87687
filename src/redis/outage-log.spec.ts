import { OutageLog } from './outage-log';

describe('OutageLog', () => {
  const logger = () => ({ warn: jest.fn(), log: jest.fn() });

  it('warns once per outage however often it fails, and notes the recovery once', () => {
    const out = logger();
    const outage = new OutageLog(out, 'Redis');
    for (let i = 0; i < 100; i++) outage.failed(new Error('connect ECONNREFUSED'));
    expect(out.warn).toHaveBeenCalledTimes(1);
    expect(out.warn.mock.calls[0][0]).toContain('Redis is unreachable (connect ECONNREFUSED)');
    outage.recovered();
    outage.recovered();
    expect(out.log).toHaveBeenCalledTimes(1);
  });

  it('warns again for the next outage', () => {
    const out = logger();
    const outage = new OutageLog(out, 'Redis');
    outage.failed(new Error('first'));
    outage.recovered();
    outage.failed(new Error('second'));
    expect(out.warn).toHaveBeenCalledTimes(2);
  });

  it('says nothing while all is well', () => {
    const out = logger();
    new OutageLog(out, 'Redis').recovered();
    expect(out.warn).not.toHaveBeenCalled();
    expect(out.log).not.toHaveBeenCalled();
  });
});
