import { namesBesideIds } from './names-beside-ids';

describe('namesBesideIds: a name beside each id a text names', () => {
  it('puts each name beside its id, the longer id first, and leaves the text as it is without names', () => {
    expect(namesBesideIds('2020-01-01 C2 到任 青山镇党委书记，C12 仍在任', { C2: '王五', C12: '赵六' })).toBe('2020-01-01 王五（C2） 到任 青山镇党委书记，赵六（C12） 仍在任');
    expect(namesBesideIds('C2 到任', undefined)).toBe('C2 到任');
    expect(namesBesideIds('C2 到任', {})).toBe('C2 到任');
  });

  it('replaces an id only where it stands whole: not inside a longer id, an event id or a dotted name', () => {
    expect(namesBesideIds('C2、C21、reg-C2、C2.x、C2:x、（事件 C2-appoint）', { C2: '王五' })).toBe('王五（C2）、C21、reg-C2、C2.x、C2:x、（事件 C2-appoint）');
  });

  it('never reads a name it put in as an id, and quotes ids with pattern characters literally', () => {
    expect(namesBesideIds('A 与 B', { A: 'B', B: '乙' })).toBe('B（A） 与 乙（B）');
    expect(namesBesideIds('C.1 与 C11', { 'C.1': '甲' })).toBe('甲（C.1） 与 C11');
  });
});
