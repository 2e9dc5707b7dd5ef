/**
 * The HTML rendering: Chinese, one table per stream, readable payloads, English names available,
 * everything escaped, nothing loaded from elsewhere, and the verification shown.
 */
import { buildCadreExport } from './build-export';
import { actorZh, shanghaiTime } from '@ledger/domain';
import { escapeHtml, renderExportHtml } from './render-html';
import { EXPORT_OPTIONS, sampleCountyLedger } from './testing/sample-ledger';
import { verifyExport } from './verify-export';

describe('renderExportHtml', () => {
  let html: string;
  beforeAll(async () => {
    html = renderExportHtml((await buildCadreExport(sampleCountyLedger(), 'C1', EXPORT_OPTIONS))!);
  });

  it('is a Chinese page with a table per stream and the columns auditors read', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<title>干部履历审计记录 · 李明</title>');
    // The two streams, and the related events (the township's registration its name comes from).
    expect(html.match(/<table>/g)).toHaveLength(3);
    for (const column of ['序号 / 事件编号', '生效日期', '事项', '内容', '文号', '录入时间', '录入人', '哈希', '关联']) expect(html).toContain(`>${column}<`);
    expect(html).toContain('校验通过');
    // The appeal stream is titled by its filing's stage (found by a review: a 复核 was titled 申诉).
    expect(html).toMatch(/<h2>复核事件流 A1 /);
  });

  it.each([
    ['2024-05-31', false],
    ['2024-06-01', false],
    ['2024-06-02', true],
  ])('an appointment effective %s, exported on 2024-06-01 (Beijing time): marked 待生效: %s (T4; found by a review)', async (effectiveDate, scheduled) => {
    const ledger = sampleCountyLedger().append({ streamId: 'cadre-C1', eventId: 'c1-later', type: 'AppointedToPost', effectiveDate, data: { orgUnitId: 'T02', role: 'DEPUTY_HEAD' } });
    const page = renderExportHtml((await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!);
    const row = page.split('<tr').find((r) => r.includes(`>${effectiveDate}<`) && r.includes('DEPUTY_HEAD') && r.includes('T02'))!;
    expect(row).toBeDefined();
    expect(row.includes('待生效')).toBe(scheduled);
  });

  it('a retraction dated after the export day is not marked 待生效: a correction acts once known, and its target is already 已撤回 (found by an API review)', async () => {
    const ledger = sampleCountyLedger()
      .append({ streamId: 'cadre-C1', eventId: 'c1-train', type: 'TrainingCompleted', effectiveDate: '2024-03-01', data: { programme: '误录的培训', level: 'COUNTY' } })
      .append({ streamId: 'cadre-C1', eventId: 'c1-undo', type: 'EntryRetracted', effectiveDate: '2024-06-02', data: { targetEventId: 'c1-train', reason: '录入错误' } });
    const page = renderExportHtml((await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!);
    const rowOf = (id: string) => page.split('<tr').find((r) => r.includes(`<code class="id">${id}</code>`))!;
    expect(rowOf('c1-undo')).toBeDefined();
    expect(rowOf('c1-undo').includes('待生效')).toBe(false);
    expect(rowOf('c1-train').includes('已撤回')).toBe(true);
  });

  it('describes payloads in Chinese and links events both ways', () => {
    expect(html).toContain('任 青山镇 党委书记');
    expect(html).toContain('2020 年度考核：优秀');
    expect(html).toContain('撤销政务处分“警告”（编号 S1）（复核成立，复核 A1），自始无效'); // A1 was filed as a 复核
    expect(html).toContain('青委〔2016〕12号');
    expect(html).toContain('赵申诉（复核或申诉办理人员）');
    expect(html).toMatch(/已被<\/span> <a href="#ev-\d+" title="a1-decided:rescind">本人 第 5 号<\/a> 撤销/);
    expect(html).toMatch(/复核或申诉对象：<\/span> <a href="#ev-\d+" title="c1-sanction">本人 第 4 号<\/a>/);
    expect(html).toContain('<span class="badge">已撤回</span>');
  });

  it('names another cadre an event names beside their id, from the registration the export carries (found by a review: ids only)', async () => {
    const ledger = sampleCountyLedger().append({ streamId: 'cadre-C1', eventId: 'c1-talk', type: 'TalkHeld', effectiveDate: '2023-01-01', data: { kind: 'HEART_TO_HEART', withCadreId: 'C2' } });
    const document = (await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!;
    expect(document.cadres).toEqual([{ cadreId: 'C2', name: '张华', sourceEventId: 'reg-C2', sourceHash: expect.stringMatching(/^[0-9a-f]{64}$/), sourceVerified: true }]);
    expect(renderExportHtml(document)).toContain('谈心谈话，谈话对象 张华（C2）');
    expect(verifyExport(document).ok).toBe(true);
  });

  it('shows the recommendations of the cadre and the registrations names come from, in a section of related events', async () => {
    const ledger = sampleCountyLedger().append(
      { streamId: 'cadre-C2', eventId: 'rec-1', type: 'LeaderRecommended', effectiveDate: '2023-01-05', data: { recommendedCadreId: 'C1', forPost: '副镇长', reason: '实绩突出' } },
      { streamId: 'cadre-C2', eventId: 'rec-1-retract', type: 'EntryRetracted', effectiveDate: '2023-01-06', data: { targetEventId: 'rec-1', reason: '录入错误' } },
    );
    const page = renderExportHtml((await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!);
    expect(page).toContain('<h2>关联事件 ');
    expect(page).toMatch(/<td class="ref" title="RECOMMENDATION">实名推荐该干部<\/td><td class="ref"><code>cadre-C2<\/code><br>导出时该事件流<span class="ok">完整<\/span><\/td>/);
    expect(page).toContain('张华');
    expect(page).toMatch(/已被<\/span> <a href="#ev-\d+" title="rec-1-retract">cadre-C2 第 2 号<\/a> 撤回/);
    expect(page).toContain('单位登记（名称来源）');
    expect(page).toContain('另重算关联事件 4 个、核对名称 2 个');
  });

  it('says a name whose registration was edited in the database is unverified, and shows an unreadable event’s data as stored (found by a review)', async () => {
    const ledger = sampleCountyLedger();
    (ledger.events[0] as { data: unknown }).data = { name: '假名镇', kind: 'TOWNSHIP' };
    (ledger.events[3] as { type: string }).type = 'NoSuchEvent';
    const page = renderExportHtml((await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!);
    expect(page).toContain('任 假名镇（名称来源未通过校验） 党委书记');
    expect(page).toContain('无法按事件目录解读，原样显示：</span><code class="raw">{&quot;year&quot;:2020,&quot;grade&quot;:&quot;EXCELLENT&quot;}</code>');
  });

  it('keeps English field names at hand: in titles and behind the toggle', () => {
    expect(html).toContain('<th title="effectiveDate">生效日期<span class="en"> effectiveDate</span></th>');
    expect(html).toContain('<span title="AppointedToPost">任职</span><span class="en"> AppointedToPost</span>');
    expect(html).toContain('<input type="checkbox" id="show-en">');
  });

  it('escapes everything from the ledger and loads nothing from elsewhere', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/@import|url\(/);
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });

  it('shows a broken chain and marks the event', async () => {
    const doc = JSON.parse(JSON.stringify((await buildCadreExport(sampleCountyLedger(), 'C1', EXPORT_OPTIONS))!));
    doc.streams[0].events[2].data.grade = 'INCOMPETENT';
    const broken = renderExportHtml(doc, verifyExport(doc));
    expect(broken).toContain('校验失败');
    expect(broken).toContain('事件流 cadre-C1 第 2 号事件（c1-grade-2020）');
    expect(broken).toMatch(/<tr id="ev-2" class="broken">/);
  });

  it('formats times in Beijing time and actors by their role', () => {
    expect(shanghaiTime('2024-03-01T17:30:00.000Z')).toBe('2024-03-02 01:30:00 +08:00');
    expect(shanghaiTime('not a time')).toBe('not a time');
    expect(actorZh('CLERK:王录入#tok_1')).toBe('王录入（录入员）');
    expect(actorZh('cli:root')).toBe('命令行 root');
    expect(actorZh('ADMIN:cli:root')).toBe('命令行 root（管理员）');
    expect(html).toMatch(/<td class="date"[^>]*>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00<\/td>/);
  });
});

describe('the HTML export names the exported cadre beside their own id where another cadre’s event names them (found by a review)', () => {
  const recommended = () =>
    sampleCountyLedger().append({
      streamId: 'cadre-C2',
      eventId: 'rec-1',
      type: 'LeaderRecommended',
      effectiveDate: '2023-01-05',
      data: { recommendedCadreId: 'C1', forPost: '青山镇副镇长', reason: '实绩突出' },
    });

  it('C1’s page: 张华（C2） recommended 李明（C1）', async () => {
    const page = renderExportHtml((await buildCadreExport(recommended(), 'C1', EXPORT_OPTIONS))!);
    expect(page).toContain('张华（C2）向县委实名推荐 李明（C1） 为青山镇副镇长人选');
  });

  it('C2’s page: the recommendation names 李明（C1）, on 张华（C2）’s own page', async () => {
    const page = renderExportHtml((await buildCadreExport(recommended(), 'C2', EXPORT_OPTIONS))!);
    expect(page).toContain('张华（C2）向县委实名推荐 李明（C1）');
  });
});
