/** Where a start-up that could not reach the database says it looked: host and port, never the password. */
import { databaseAddress } from './ledger-database';

describe('databaseAddress', () => {
  it('gives host:port without the user or password, the port 5432 when the URL has none, every host of a multi-host URL', () => {
    expect(databaseAddress('postgres://ledger:Sekr3t@db.example.org:6543/ledger?sslmode=require')).toBe('db.example.org:6543');
    expect(databaseAddress('postgresql://ledger:p%40ss@10.255.255.1/ledger')).toBe('10.255.255.1:5432');
    expect(databaseAddress('postgres://u:pw@h1:5432,h2/db')).toBe('h1:5432,h2:5432');
    expect(databaseAddress('postgres://[::1]:5433/db')).toBe('[::1]:5433');
    // A password with an unescaped @ (postgres.js takes it so): nothing of it shown.
    expect(databaseAddress('postgres://ledger:pa@ss@db:5432/ledger')).toBe('db:5432');
  });
});
