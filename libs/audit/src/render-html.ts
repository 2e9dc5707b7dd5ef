/**
 * The export as one self-contained HTML page in Chinese (干部履历审计记录): a table per stream,
 * English field names behind a toggle and in `title` attributes, print-friendly, no scripts and
 * no external resources. Every value from the ledger is escaped. It is a rendering for people;
 * the JSON file is what `verify-export` checks.
 */
import { readDomainEvent } from './build-export';
import { RELATED_EVENT_ROLE_NAMES_ZH, type AuditExport, type ExportedEvent, type ExportedLinks, type ExportedStream } from './export-document';
import { BREAK_REASONS_ZH, describeBreakZh, verifyExport, type ExportBreak, type ExportVerification } from './verify-export';
import { actorZh, APPEAL_STAGE_NAMES_ZH, describeContext, describeEventZh, EVENT_TYPE_NAMES_ZH, isCareerEventType, shanghaiDateOf, shanghaiTime, VOIDS_FROM_ITS_START, type DescribeContext, type RecordedEvent } from '@ledger/domain';

/** How rows are described, and the day of the export (Beijing time): an event effective after it is scheduled (T4). */
type RowContext = DescribeContext & { readonly exportedOn: string };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `text` in Chinese with its English name shown by the toggle and in the tooltip. */
function bilingual(zh: string, en: string): string {
  return `<span title="${escapeHtml(en)}">${escapeHtml(zh)}</span><span class="en"> ${escapeHtml(en)}</span>`;
}

interface EventRef {
  readonly anchor: string;
  readonly label: string;
  /** Retracted since (EntryRetracted): a rescission it names no longer stands. */
  readonly retracted: boolean;
}

const COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['序号 / 事件编号', 'revision / event id'],
  ['生效日期', 'effectiveDate'],
  ['事项', 'type'],
  ['内容', 'data'],
  ['文号', 'documentRef'],
  ['录入时间', 'recordedAt (UTC+8)'],
  ['录入人', 'actor'],
  ['哈希', 'hash'],
  ['关联', 'links'],
];

/** 复核 or 申诉 by the stage its filing names (found by a review: a 复核 stream was titled 申诉). */
function streamTitle(stream: ExportedStream): string {
  if (stream.kind === 'cadre') return '干部本人事件流';
  const stage = stream.events.find((e) => e.type === 'AppealFiled')?.data.stage;
  const name = stage === 'REVIEW' || stage === 'APPEAL' ? APPEAL_STAGE_NAMES_ZH[stage] : '复核或申诉';
  return `${name}事件流 ${stream.streamId.replace(/^appeal-/, '')}`;
}

function refLink(id: string, refs: ReadonlyMap<string, EventRef>): string {
  const ref = refs.get(id);
  return ref ? `<a href="#${ref.anchor}" title="${escapeHtml(id)}">${escapeHtml(ref.label)}</a>` : `<span title="不在本导出中 (not in this export)">${escapeHtml(id)}</span>`;
}

function linksCell(links: ExportedLinks | undefined, refs: ReadonlyMap<string, EventRef>): string {
  if (!links) return '';
  const items: string[] = [];
  const add = (zh: string, en: string, ids: readonly string[], after = '') => {
    for (const id of ids) items.push(`<li><span title="${en}">${zh}</span> ${refLink(id, refs)}${after}<span class="en"> (${en})</span></li>`);
  };
  add('已被', 'retractedBy', links.retractedBy, ' 撤回');
  add('撤回', 'retracts', links.retracts ? [links.retracts] : []);
  // A rescission retracted since no longer stands: the sanction is in force again (found by a review: it read as rescinded).
  for (const id of links.rescindedBy) add('已被', 'rescindedBy', [id], refs.get(id)?.retracted ? ' 撤销（该撤销已被撤回，不再有效）' : ' 撤销');
  add('撤销', 'rescinds', links.rescinds ? [links.rescinds] : []);
  add('被提出复核或申诉：', 'appealedBy', links.appealedBy);
  add('复核或申诉对象：', 'appealOf', links.appealOf ? [links.appealOf] : []);
  add('起因：', 'causedBy', links.causedBy ? [links.causedBy] : []);
  add('引起：', 'causes', links.causes);
  return items.length > 0 ? `<ul class="links">${items.join('')}</ul>` : '';
}

function eventRow(
  event: ExportedEvent,
  anchor: string,
  links: ExportedLinks | undefined,
  refs: ReadonlyMap<string, EventRef>,
  ctx: RowContext,
  broken: ExportBreak | undefined,
  leadingCells = '',
): string {
  const domain = readDomainEvent(event);
  const typeZh = isCareerEventType(event.type) ? EVENT_TYPE_NAMES_ZH[event.type] : '未知事项';
  const raw = JSON.stringify(event.data);
  // An unreadable event's data is shown as stored, not only behind the English toggle (found by a review).
  const content = domain ? escapeHtml(describeEventZh(domain, ctx)) : `<span class="warn">无法按事件目录解读，原样显示：</span><code class="raw">${escapeHtml(raw)}</code>`;
  const retracted = links !== undefined && !links.counts;
  // T4: stored, shown as scheduled (found by a review: the export showed it like an event in effect);
  // a correction acts once known, whatever its date, as the history says (VOIDS_FROM_ITS_START).
  const scheduled = event.effectiveDate > ctx.exportedOn && !VOIDS_FROM_ITS_START.has(event.type);
  const isBroken = broken !== undefined && (broken.eventId === event.eventId || (broken.eventId === null && broken.revision === event.revision));
  const classes = [retracted ? 'retracted' : '', isBroken ? 'broken' : ''].filter(Boolean).join(' ');
  const cells = [
    leadingCells,
    // The event id printed under its number: the content cites events by id (针对记录 …), and a printed page has no tooltips (found by a review).
    `<td class="num">${event.revision}<br><code class="id">${escapeHtml(event.eventId)}</code></td>`,
    `<td class="date">${escapeHtml(event.effectiveDate)}</td>`,
    `<td class="type">${bilingual(typeZh, event.type)}${retracted ? '<span class="badge">已撤回</span>' : ''}${scheduled ? `<span class="badge" title="导出日之后生效（effective after the export date）">待生效</span>` : ''}${isBroken ? '<span class="badge bad">校验失败</span>' : ''}</td>`,
    `<td title="${escapeHtml(raw)}">${content}<code class="en">${escapeHtml(raw)}</code></td>`,
    `<td class="ref">${escapeHtml(event.documentRef ?? '')}</td>`,
    `<td class="date" title="${escapeHtml(event.recordedAt)}">${escapeHtml(shanghaiTime(event.recordedAt))}</td>`,
    `<td class="actor" title="${escapeHtml(event.actor)}">${escapeHtml(actorZh(event.actor))}</td>`,
    `<td class="hash" title="${escapeHtml(event.hash)}"><code>${escapeHtml(event.hash.slice(0, 12))}…</code></td>`,
    `<td>${linksCell(links, refs)}</td>`,
  ];
  return `<tr id="${anchor}"${classes ? ` class="${classes}"` : ''}>${cells.join('')}</tr>`;
}

function columnHeader(columns: ReadonlyArray<readonly [string, string]>): string {
  return `<thead><tr>${columns.map(([zh, en]) => `<th title="${escapeHtml(en)}">${escapeHtml(zh)}<span class="en"> ${escapeHtml(en)}</span></th>`).join('')}</tr></thead>`;
}


/**
 * The events of other streams the file carries: the recommendations of the cadre (TM5(b)) on
 * their recommenders' streams, and the registrations the names come from, each with its link
 * recomputed from the file and its stream's state when exported.
 */
function relatedSection(document: AuditExport, anchors: ReadonlyMap<ExportedEvent, string>, linksById: ReadonlyMap<string, ExportedLinks>, refs: ReadonlyMap<string, EventRef>, ctx: RowContext, broken: ExportBreak | undefined): string {
  const related = document.relatedEvents ?? [];
  if (related.length === 0) return '';
  const rows = related.map((r) => {
    const state = r.streamVerified ? '<span class="ok">完整</span>' : '<span class="bad">断裂</span>';
    const lead = `<td class="ref" title="${escapeHtml(r.role)}">${escapeHtml(RELATED_EVENT_ROLE_NAMES_ZH[r.role])}</td><td class="ref"><code>${escapeHtml(r.event.streamId)}</code><br>导出时该事件流${state}</td>`;
    return eventRow(r.event, anchors.get(r.event)!, linksById.get(r.event.eventId), refs, ctx, broken, lead);
  });
  return `<section class="stream">
<h2>关联事件 <small>其他事件流中的推荐记录与名称来源（每个事件按其前一哈希在本文件中重算）</small></h2>
<table>${columnHeader([['用途', 'role'], ['所在事件流', 'streamId'], ...COLUMNS])}<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

function streamSection(
  stream: ExportedStream,
  check: ExportVerification['streams'][number] | undefined,
  anchors: ReadonlyMap<ExportedEvent, string>,
  linksById: ReadonlyMap<string, ExportedLinks>,
  refs: ReadonlyMap<string, EventRef>,
  ctx: RowContext,
): string {
  const atExport = stream.verification;
  const fileBroken = check?.firstBroken;
  const status = (ok: boolean, zh: string, detail: string) => `<span class="${ok ? 'ok' : 'bad'}">${escapeHtml(zh)}</span>${detail ? `：${escapeHtml(detail)}` : ''}`;
  const exportStatus = atExport.ok
    ? status(true, '完整', '')
    : // The English detail (hashes) beside the others, shown with 显示英文字段名 (found by a review: the Chinese sentence ended in English).
      status(false, '断裂', atExport.firstBroken ? `第 ${atExport.firstBroken.revision} 号事件：${BREAK_REASONS_ZH[atExport.firstBroken.reason]} [${atExport.firstBroken.reason}]。` : '') +
      (atExport.firstBroken ? `<span class="en"> ${escapeHtml(atExport.firstBroken.message)}</span>` : '');
  const fileStatus = check === undefined ? '' : fileBroken ? status(false, '断裂', describeBreakZh(fileBroken)) : status(true, '完整', '');
  const head = stream.head ? `第 ${stream.head.revision} 号，<code class="full">${escapeHtml(stream.head.hash)}</code>` : '<span class="bad">无流头记录</span>';
  const header = columnHeader(COLUMNS);
  const rows = stream.events.map((e) => eventRow(e, anchors.get(e)!, linksById.get(e.eventId), refs, ctx, fileBroken));
  return `<section class="stream">
<h2>${escapeHtml(streamTitle(stream))} <small><code>${escapeHtml(stream.streamId)}</code></small></h2>
<dl class="facts">
<dt title="head">流头</dt><dd>${head}</dd>
<dt title="verification at export time">导出时校验</dt><dd>${exportStatus}（${atExport.checkedEvents} 个事件）</dd>
${fileStatus ? `<dt title="verification of this file">本文件重算</dt><dd>${fileStatus}</dd>` : ''}
</dl>
<table>${header}<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

const STYLE = `
:root { --ink: #1b1b1b; --muted: #5f6368; --line: #c9ccd1; --bad: #b3261e; --ok: #1e6b34; --head: #f1f3f4; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 14px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif; background: #fff; }
main { max-width: 1400px; margin: 0 auto; padding: 20px 28px 40px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: 0.08em; }
h2 { font-size: 17px; margin: 28px 0 6px; border-left: 4px solid #a61b29; padding-left: 8px; }
h2 small { font-weight: normal; color: var(--muted); font-size: 12px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 12px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.verdict { padding: 10px 14px; border: 1px solid; border-radius: 4px; margin: 12px 0 8px; }
.verdict.ok { border-color: var(--ok); background: #eef7f0; }
.verdict.bad { border-color: var(--bad); background: #fcefee; }
.ok { color: var(--ok); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.warn { color: var(--bad); }
code.raw { display: block; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: var(--head); white-space: nowrap; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
td.num code.id { font-size: 0.85em; color: #555; white-space: normal; overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
td.hash code { font-size: 12px; }
td.ref, td.type { white-space: nowrap; }
td.actor { min-width: 8em; }
ul.links a { white-space: nowrap; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; }
code.full { overflow-wrap: anywhere; }
tr.retracted td { color: var(--muted); }
tr.retracted td:nth-child(4) { text-decoration: line-through; }
tr.broken td { background: #fcefee; }
.badge { display: inline-block; margin-left: 4px; padding: 0 4px; border: 1px solid var(--muted); border-radius: 3px; font-size: 11px; color: var(--muted); text-decoration: none; }
.badge.bad { border-color: var(--bad); color: var(--bad); }
ul.links { margin: 0; padding-left: 1.1em; }
a { color: #174ea6; }
.en { display: none; color: var(--muted); font-size: 11px; }
code.en { overflow-wrap: anywhere; }
/* The toggle must be a sibling of <main> for the CSS-only switch; the label sits beside it. */
#show-en { position: absolute; top: 12px; left: 24px; margin: 0; }
label.toolbar { display: block; padding: 9px 28px 0 46px; color: var(--muted); font-size: 13px; cursor: pointer; }
#show-en:checked ~ main .en { display: inline; }
#show-en:checked ~ main code.en { display: block; }
#show-en:checked ~ main td.type { white-space: normal; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .toolbar, #show-en { display: none; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .verdict.ok, .verdict.bad, tr.broken td { background: none; }
}
`;

/**
 * Renders the export. The page states both the chains' state at export time (from the ledger)
 * and the result of recomputing them from this very document (`verifyExport`).
 */
export function renderExportHtml(document: AuditExport, verification: ExportVerification = verifyExport(document)): string {
  const related = document.relatedEvents ?? [];
  const readable = [...document.streams.flatMap((s) => s.events), ...related.map((r) => r.event)].map(readDomainEvent).filter((e): e is RecordedEvent => e !== null);
  // A name whose registration's stream was broken when exported is said to be unverified wherever it is used.
  const shown = (name: string, verified: boolean | undefined) => (verified === false ? `${name}（名称来源未通过校验）` : name);
  const cadreNames = new Map((document.cadres ?? []).flatMap((c) => (c.name === null ? [] : [[c.cadreId, shown(c.name, c.sourceVerified)] as const])));
  // The cadre's own name (from the registration in the file's own chain) beside the id where another's event names them (found by a review).
  if (document.summary.cadreName && !cadreNames.has(document.cadreId)) cadreNames.set(document.cadreId, document.summary.cadreName);
  const orgUnits = new Map(document.orgUnits.map((u) => [u.orgUnitId, { ...u, name: u.name === null ? null : shown(u.name, u.sourceVerified) }]));
  const ctx: RowContext = { ...describeContext(readable, orgUnits, cadreNames), exportedOn: shanghaiDateOf(Date.parse(document.generatedAt)) };
  const linksById = new Map(document.links.map((l) => [l.eventId, l]));
  const anchors = new Map<ExportedEvent, string>();
  const refs = new Map<string, EventRef>();
  let n = 0;
  for (const stream of document.streams) {
    for (const e of stream.events) {
      const anchor = `ev-${n++}`;
      anchors.set(e, anchor);
      const where = stream.kind === 'cadre' ? '本人' : `复核或申诉 ${stream.streamId.replace(/^appeal-/, '')}`;
      if (!refs.has(e.eventId)) refs.set(e.eventId, { anchor, label: `${where} 第 ${e.revision} 号`, retracted: (linksById.get(e.eventId)?.retractedBy.length ?? 0) > 0 });
    }
  }
  for (const r of related) {
    const anchor = `ev-${n++}`;
    anchors.set(r.event, anchor);
    if (!refs.has(r.event.eventId)) refs.set(r.event.eventId, { anchor, label: `${r.event.streamId} 第 ${r.event.revision} 号`, retracted: false });
  }
  const s = document.summary;
  const checks = new Map(verification.streams.map((c) => [c.streamId, c]));
  const relatedChecked = verification.checkedRelatedEvents > 0 ? `另重算关联事件 ${verification.checkedRelatedEvents} 个、核对名称 ${verification.checkedNames} 个，` : '';
  const derived = verification.derivedOk === null ? '关联与概况未重算（文件由另一版本的推导规则写出，或未注明版本），' : '关联与概况与事件一致，';
  const atExport = s.chainsIntact && s.relatedEventsIntact !== false ? '导出时台账中的哈希链亦完整。' : `<span class="bad">但导出时台账中已有断裂的哈希链${s.chainsIntact ? '（关联事件所在的事件流）' : ''}，见下。</span>`;
  const verdict = verification.ok
    ? `<div class="verdict ok"><span class="ok">校验通过</span>：按本文件重算 ${verification.checkedStreams} 条事件流、${verification.checkedEvents} 个事件的哈希链，全部完整；${relatedChecked}${derived}文档哈希一致。${atExport}</div>`
    : `<div class="verdict bad"><span class="bad">校验失败</span>：${escapeHtml(describeBreakZh(verification.firstBroken!))}</div>`;
  const byType = Object.entries(s.eventsByType)
    .map(([type, count]) => `${isCareerEventType(type) ? EVENT_TYPE_NAMES_ZH[type] : type} ${count}`)
    .join('，');
  const title = `干部履历审计记录 · ${s.cadreName ?? document.cadreId}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cadre-ledger ${escapeHtml(document.format)} v${document.formatVersion}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<input type="checkbox" id="show-en"><label for="show-en" class="toolbar">显示英文字段名 (show English field names)</label>
<main>
<h1>干部履历审计记录</h1>
<p class="subtitle">乡镇领导干部履历台账 · 审计导出<span class="en"> (cadre career ledger — audit trail export)</span></p>
<dl class="facts">
<dt title="cadre">干部</dt><dd>${escapeHtml(s.cadreName ?? '（未登记）')}（编号 <code>${escapeHtml(document.cadreId)}</code>）</dd>
<dt title="generatedAt">导出时间</dt><dd>${escapeHtml(shanghaiTime(document.generatedAt))}（北京时间）</dd>
<dt title="generatedBy">导出人</dt><dd title="${escapeHtml(document.generatedBy)}">${escapeHtml(actorZh(document.generatedBy))}</dd>
<dt title="summary">概况</dt><dd>事件流 ${s.streams} 条（含复核或申诉 ${s.appeals} 件），事件 ${s.events} 个：${escapeHtml(byType)}；已撤回 ${s.retractedEvents} 个${s.recommendations ? `；被推荐 ${s.recommendations} 次（见关联事件）` : ''}</dd>
<dt title="effective dates">生效日期</dt><dd>${escapeHtml(s.firstEffectiveDate ?? '—')} 至 ${escapeHtml(s.lastEffectiveDate ?? '—')}</dd>
<dt title="documentHash">文档哈希</dt><dd><code class="full">${escapeHtml(document.documentHash)}</code></dd>
</dl>
${verdict}
${document.streams.map((stream) => streamSection(stream, checks.get(stream.streamId), anchors, linksById, refs, ctx)).join('\n')}
${relatedSection(document, anchors, linksById, refs, ctx, verification.firstBroken?.eventId ? verification.firstBroken : undefined)}
<footer>
<p>校验方法：<code>npm run ledger -- verify-export 导出文件.json</code> 仅凭导出的 JSON 文件重算全部哈希链（退出码 0 为完整，3 为断裂并指明事件）。本页仅供阅读，以 JSON 文件为准；文件只能证明自身一致，将各流头哈希及各关联事件的哈希与台账核对，方可确认文件与台账一致。</p>
<p>哈希算法 (hash algorithm)：<code class="full">${escapeHtml(document.hashAlgorithm)}</code></p>
</footer>
</main>
</body>
</html>
`;
}
