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
    expect(html.match(/<table>/g)).toHaveLength(2);
    for (const column of ['序号', '生效日期', '事项', '内容', '文号', '记录时间', '记录人', '哈希', '关联']) expect(html).toContain(`>${column}<`);
    expect(html).toContain('校验通过');
    // The appeal stream is titled by its filing's stage (found by a review: a 复核 was titled 申诉).
    expect(html).toMatch(/<h2>复核事件流 A1 /);
  });

  it('describes payloads in Chinese and links events both ways', () => {
    expect(html).toContain('任 青山镇 党委书记');
    expect(html).toContain('2020 年度考核：优秀');
    expect(html).toContain('撤销政务处分“警告”（编号 S1）（复核或申诉成立，复核或申诉 A1），自始无效');
    expect(html).toContain('青委〔2016〕12号');
    expect(html).toContain('赵申诉（申诉办理人员）');
    expect(html).toMatch(/已被<\/span> <a href="#ev-\d+" title="a1-decided:rescind">本人 第 5 号<\/a> 撤销/);
    expect(html).toMatch(/复核或申诉对象：<\/span> <a href="#ev-\d+" title="c1-sanction">本人 第 4 号<\/a>/);
    expect(html).toContain('<span class="badge">已撤回</span>');
  });

  it('names another cadre an event names beside their id, from the registration the export carries (found by a review: ids only)', async () => {
    const ledger = sampleCountyLedger().append({ streamId: 'cadre-C1', eventId: 'c1-talk', type: 'TalkHeld', effectiveDate: '2023-01-01', data: { kind: 'HEART_TO_HEART', withCadreId: 'C2' } });
    const document = (await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!;
    expect(document.cadres).toEqual([{ cadreId: 'C2', name: '张华', sourceEventId: 'reg-C2', sourceHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(renderExportHtml(document)).toContain('谈心谈话，谈话对象 张华（C2）');
    expect(verifyExport(document).ok).toBe(true);
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
    expect(broken).toContain('流 cadre-C1 第 2 号事件（c1-grade-2020）');
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
