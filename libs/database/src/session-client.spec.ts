import { connect } from './ledger-database';

describe('connect: a client whose session holds something', () => {
  it('given session: true (a projector leader’s lock), then the client never closes its connection on its own: no max_lifetime, no idle timeout', async () => {
    const sql = connect('postgres://nobody@127.0.0.1:1/none', 1, { session: true });
    try {
      const o = sql.options as unknown as { max_lifetime: unknown; idle_timeout: unknown };
      expect({ max_lifetime: o.max_lifetime, idle_timeout: o.idle_timeout }).toEqual({ max_lifetime: 0, idle_timeout: 0 });
    } finally {
      await sql.end({ timeout: 0 });
    }
  });
  it('given a pool, then its connections keep the driver’s lifetime (renewed now and then)', async () => {
    const sql = connect('postgres://nobody@127.0.0.1:1/none', 2);
    try {
      expect((sql.options as unknown as { max_lifetime: unknown }).max_lifetime).toEqual(expect.any(Function));
    } finally {
      await sql.end({ timeout: 0 });
    }
  });
});
