import { POSTGRES_MALLOC_TUNABLES, serverEnvironment, withEnvironment } from './embedded-server';

describe('the embedded server environment', () => {
  it('given no GLIBC_TUNABLES, when the server starts, then it gets the malloc thresholds', () => {
    expect(serverEnvironment({ PATH: '/usr/bin' })).toEqual({ GLIBC_TUNABLES: POSTGRES_MALLOC_TUNABLES });
    expect(POSTGRES_MALLOC_TUNABLES).toMatch(/^glibc\.malloc\.mmap_threshold=\d+:glibc\.malloc\.trim_threshold=\d+$/);
  });

  it('given GLIBC_TUNABLES already set, when the server starts, then the operator’s value wins', () => {
    expect(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).toEqual({});
  });
});

describe('withEnvironment', () => {
  const key = 'LEDGER_TEST_WITH_ENVIRONMENT';

  it('given extra variables, when the callback runs, then it sees them and they are gone afterwards', async () => {
    delete process.env[key];
    const seen = await withEnvironment({ [key]: 'during' }, async () => process.env[key]);
    expect(seen).toBe('during');
    expect(process.env[key]).toBeUndefined();
  });

  it('given a variable already set, when the callback throws, then its former value is back', async () => {
    process.env[key] = 'before';
    await expect(withEnvironment({ [key]: 'during' }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(process.env[key]).toBe('before');
    delete process.env[key];
  });
});
