/**
 * The ledger's settings from the environment: a number set but left empty is refused, in English and
 * Chinese, not read as 0 (found by an operations review: `PORT=` listened on a random port, and
 * `READ_YOUR_WRITES_TIMEOUT_MS=` turned read-your-writes waiting off without a word).
 */
import { ConfigError, loadConfig } from './index';

describe('loadConfig: numbers from the environment', () => {
  it.each(['PORT', 'READ_YOUR_WRITES_TIMEOUT_MS', 'PROJECTION_REBUILD_BACKLOG', 'TOKEN_CACHE_TTL_MS', 'HTTP_BODY_LIMIT_BYTES', 'DATABASE_CONNECT_TIMEOUT_MS'])('given %s set but empty (or blank), then it is refused, naming it', (name) => {
    for (const value of ['', '  ']) {
      let caught: unknown;
      try {
        loadConfig({ [name]: value });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).message).toContain(`${name}: must not be empty`);
      expect((caught as ConfigError & { messageZh: string }).messageZh).toContain(`${name}：不能为空`);
    }
  });

  it('given them unset, then their defaults; given a value, then that number (spaces around it allowed)', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, READ_YOUR_WRITES_TIMEOUT_MS: 2000, PROJECTION_REBUILD_BACKLOG: 50_000 });
    expect(loadConfig({ PORT: ' 3001 ', READ_YOUR_WRITES_TIMEOUT_MS: '0' })).toMatchObject({ PORT: 3001, READ_YOUR_WRITES_TIMEOUT_MS: 0 });
  });

  it('given a value that is no number or out of range, then refused as before', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ PROJECTION_POLL_INTERVAL_MS: '1' })).toThrow(ConfigError);
  });

  it('given a number setting out of range, a fraction or no number, then refused naming the setting and its range, in English and Chinese', () => {
    for (const value of ['abc', '70000', '-1', '1.5']) {
      let caught: unknown;
      try {
        loadConfig({ PORT: value });
      } catch (error) {
        caught = error;
      }
      expect((caught as ConfigError).message).toContain('PORT: must be a whole number from 0 to 65535');
      expect((caught as ConfigError).messageZh).toContain('PORT：须为 0 到 65535 之间的整数');
    }
    expect(() => loadConfig({ PROJECTION_REBUILD_BACKLOG: '-1' })).toThrow('PROJECTION_REBUILD_BACKLOG: must be a whole number, at least 0');
  });

  it('given DATABASE_CONNECT_TIMEOUT_MS, then 10 s unless set; below 500 ms, above 5 min or no number, refused naming it', () => {
    expect(loadConfig({}).DATABASE_CONNECT_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '1500' }).DATABASE_CONNECT_TIMEOUT_MS).toBe(1500);
    for (const value of ['abc', '100', '300001', '1.5']) {
      expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: value })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS: /);
    }
  });
});
