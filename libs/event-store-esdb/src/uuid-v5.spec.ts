import { esdbEventId, uuidV5 } from './uuid-v5';

describe('UUIDv5 of ledger event ids', () => {
  it('matches the RFC 4122 reference value (DNS namespace, "www.example.com")', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is deterministic, version 5, RFC variant, and differs between ids', () => {
    const a = esdbEventId('imp-0001');
    expect(a).toBe(esdbEventId('imp-0001'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventId('imp-0002')).not.toBe(a);
    expect(esdbEventId('乡镇-0001')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(TypeError);
  });
});
