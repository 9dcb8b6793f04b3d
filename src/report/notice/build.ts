// RoundSnapshot + options → the 通报's document model. Pure: every figure is computed here from the
// snapshot, none is typed in; a section whose data the platform does not hold becomes a 【待补充：…】
// placeholder for the supervisor, never a zero.
import type { RoundSiteResult, RoundSnapshot } from '../../domain/round.js';
import type { Block, ChartSpec, NoticeDocument, NoticeFigures, Run, TableColumn } from './model.js';
import type { NoticeOptions, Requirement } from './options.js';
import { chineseDate, chineseNumber, clip, monthParts, percent } from './format.js';

export const PLACEHOLDER_OPEN = '【待补充：';
const placeholder = (what: string): Run => ({ text: `${PLACEHOLDER_OPEN}${what}】`, style: 'placeholder' });
const text = (t: string): Run => ({ text: t });

/** Rows of the 附件 problem table per site beyond which the table says how many more the platform holds. */
export const MAX_PROBLEMS_PER_SITE = 300;

export const COLORS = { qualified: '#2e7d32', unqualified: '#c62828', incomplete: '#9e9e9e', bar: '#1f4e79' };

export function noticeTitle(snapshot: RoundSnapshot, office: string): string {
  const { year, month } = monthParts(snapshot.month);
  return `${office}关于${year}年${month}月份全市政府网站和政务新媒体监管情况的通报`;
}

export function docNumberText(prefix: string, n: { year: number; seq: number }): string {
  return `${prefix}〔${n.year}〕${n.seq}号`;
}

export function computeFigures(snapshot: RoundSnapshot): NoticeFigures {
  const sites = snapshot.sites;
  const count = (pred: (s: RoundSiteResult) => boolean) => sites.filter(pred).length;
  const inspected = count((s) => s.scanId !== null);
  const qualified = count((s) => s.verdict === 'qualified');
  const unqualified = count((s) => s.verdict === 'unqualified');
  const a = snapshot.accounts;
  const m = snapshot.messages;
  return {
    sites: {
      total: sites.length,
      portals: count((s) => s.kind === 'portal'),
      departments: count((s) => s.kind === 'department'),
      inspected,
      inspectionRate: percent(inspected, sites.length),
      qualified,
      unqualified,
      incomplete: count((s) => s.verdict === 'incomplete'),
      passRate: percent(qualified, qualified + unqualified),
      problems: sites.reduce((sum, s) => sum + s.problems.length, 0),
    },
    accounts: a && {
      total: a.total,
      checked: a.checked,
      checkRate: percent(a.checked, a.total),
      qualified: a.qualified,
      unqualified: a.unqualified,
      passRate: percent(a.qualified, a.qualified + a.unqualified),
    },
    messages: m && { received: m.received, answered: m.answered, answeredOnTime: m.answeredOnTime, overdue: m.overdue, open: m.open },
  };
}

export function buildNotice(snapshot: RoundSnapshot, options: NoticeOptions): NoticeDocument {
  const figures = computeFigures(snapshot);
  const { settings } = options;
  const title = noticeTitle(snapshot, settings.office);
  const docNumber = options.docNumber && docNumberText(settings.docPrefix, options.docNumber);
  const charts = chartSpecs(snapshot, options);
  const blocks: Block[] = [
    ...header(settings.letterhead ? settings.office : null, docNumber, settings.docPrefix, options.date),
    { kind: 'title', text: title },
    { kind: 'addressees', text: settings.addressees },
    { kind: 'paragraph', runs: [text(opening(snapshot, options))] },
    { kind: 'heading1', text: '一、全市政府网站和政务新媒体检查情况' },
    { kind: 'paragraph', runs: [{ text: '（一）政府网站检查情况。', style: 'heading' }, text(websiteSummary(snapshot, figures))] },
    ...unjudgedParagraphs(snapshot),
    { kind: 'paragraph', runs: [{ text: '（二）政务新媒体检查情况。', style: 'heading' }, ...accountRuns(figures)] },
    { kind: 'paragraph', runs: [{ text: '（三）网友找错办理情况。', style: 'heading' }, ...messageRuns(snapshot)] },
    { kind: 'heading1', text: '二、下步工作要求' },
    ...requirementParagraphs(options.requirements),
    { kind: 'attachmentList', items: ['全市政府网站检查发现问题清单', '检查情况统计图'] },
    { kind: 'signature', office: settings.office, date: chineseDate(options.date) },
    { kind: 'attachment', label: '附件1', title: '全市政府网站检查发现问题清单' },
    problemTable(snapshot),
    { kind: 'attachment', label: '附件2', title: '检查情况统计图' },
    ...charts.map((c, i): Block => ({ kind: 'chart', chart: c.id, caption: `图${i + 1}　${c.title}` })),
  ];
  return { title, docNumber, blocks, figures, charts, placeholders: collectPlaceholders(blocks) };
}

function header(letterheadOffice: string | null, docNumber: string | null, prefix: string, date: string): Block[] {
  const numberRuns: Run[] = docNumber ? [text(docNumber)] : [text(`${prefix}〔${date.slice(0, 4)}〕`), placeholder('文号'), text('号')];
  return letterheadOffice ? [{ kind: 'letterhead', text: `${letterheadOffice}文件` }, { kind: 'docNumber', runs: numberRuns }] : [{ kind: 'docNumber', runs: numberRuns }];
}

/** 「《…》（辽政办公开〔2019〕15号）」 from the settings, or from the round's catalogue name and basis. */
function indicatorDocument(snapshot: RoundSnapshot, configured: string): string {
  if (configured.trim()) return configured.trim();
  const { name, basis } = snapshot.catalogue;
  const bare = name.replace(/（[^（）]*）$/, '').trim();
  return basis && !bare.includes(basis) ? `《${bare}》（${basis}）` : `《${bare}》`;
}

function opening(snapshot: RoundSnapshot, options: NoticeOptions): string {
  const { settings } = options;
  const who = settings.partner.trim() ? `${settings.inspector}会同${settings.partner}` : settings.inspector;
  return (
    `为进一步加强全市政府网站和政务新媒体管理，按照${indicatorDocument(snapshot, settings.indicatorDocument)}要求，` +
    `${who}采用技术与人工相结合方式，对全市政府网站和政务新媒体开展了${snapshot.year}年第${snapshot.seq}次常态检查。现将相关情况通报如下：`
  );
}

/** A site as the 通报 names it: its name, then its unit and why, in brackets. */
function siteWithUnit(s: RoundSiteResult, why: string): string {
  return `${clip(s.name, 60)}（${clip(s.unitName, 60)}，${why}）`;
}

function unqualifiedReason(s: RoundSiteResult): string {
  if (s.vetoes.length > 0) return `单项否决：${s.vetoes.map((v) => clip(v, 40)).join('、')}`;
  return s.score === null ? '不合格' : `得分${s.score}分`;
}

function topProblems(snapshot: RoundSnapshot, limit: number): Array<{ name: string; count: number }> {
  const counts = new Map<string, number>();
  for (const s of snapshot.sites) for (const p of s.problems) counts.set(p.indicatorName, (counts.get(p.indicatorName) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh')).slice(0, limit);
}

function websiteSummary(snapshot: RoundSnapshot, f: NoticeFigures): string {
  const s = f.sites;
  if (s.total === 0) return '本次检查未纳入政府网站。';
  const parts = [`本次共检查全市政府网站${s.total}个（其中政府门户网站${s.portals}个、部门网站${s.departments}个），检查率${s.inspectionRate}。`];
  const judged = s.qualified + s.unqualified;
  if (judged > 0) parts.push(`已完成判定的${judged}个网站中，合格${s.qualified}个，不合格${s.unqualified}个，合格率${s.passRate}。`);
  const failed = snapshot.sites.filter((x) => x.verdict === 'unqualified');
  if (failed.length > 0) parts.push(`不合格网站为：${failed.map((x) => siteWithUnit(x, unqualifiedReason(x))).join('；')}。`);
  const top = topProblems(snapshot, 3);
  if (s.problems > 0) parts.push(`检查共发现问题${s.problems}个，较为集中的是${top.map((t) => `${clip(t.name, 40)}（${t.count}个）`).join('、')}，具体问题清单见附件1。`);
  else parts.push('本次检查未发现问题。');
  return parts.join('');
}

/** Sites without a verdict are named with the reason, so the count never silently disappears. */
function unjudgedParagraphs(snapshot: RoundSnapshot): Block[] {
  const open = snapshot.sites.filter((s) => s.verdict === 'incomplete');
  if (open.length === 0) return [];
  const list = open.map((s) => siteWithUnit(s, s.incompleteReasons.map((r) => clip(r, 60)).join('；') || '检查数据不完整')).join('；');
  return [{ kind: 'paragraph', runs: [text(`另有${open.length}个网站检查数据不完整，暂未作出判定，待补充检查后另行通报：${list}。`)] }];
}

function accountRuns(f: NoticeFigures): Run[] {
  const a = f.accounts;
  if (!a) return [placeholder('政务新媒体检查情况（检查账号数、检查率、合格与不合格账号）。平台尚未掌握本期账号检查数据，请据实填写')];
  if (a.total === 0) return [text('本期未纳入政务新媒体账号。')];
  const judged = a.qualified + a.unqualified;
  return [text(`本次共检查全市政务新媒体账号${a.checked}个（共${a.total}个），检查率${a.checkRate}，合格${a.qualified}个，不合格${a.unqualified}个${judged > 0 ? `，合格率${a.passRate}` : ''}。`)];
}

function messageRuns(snapshot: RoundSnapshot): Run[] {
  const m = snapshot.messages;
  const { year, month } = monthParts(snapshot.month);
  if (!m) return [placeholder(`${year}年${month}月「我为政府网站找错」网民留言办理情况。平台尚未掌握本月留言数据，请据实填写`)];
  if (m.received === 0) return [text(`${year}年${month}月，全市政府网站未收到「我为政府网站找错」网民留言。`)];
  const parts = [`${year}年${month}月，全市政府网站共收到「我为政府网站找错」网民留言${m.received}条，已办理答复${m.answered}条，其中按时答复${m.answeredOnTime}条。`];
  if (m.overdue === 0 && m.open === 0) parts.push('全部留言均已按时办理答复。');
  else {
    if (m.overdue > 0) parts.push(`超期${m.overdue}条`);
    if (m.open > 0) parts.push(`${m.overdue > 0 ? '，' : ''}尚未办结${m.open}条`);
    parts.push('。');
    const late = m.byUnit.filter((u) => u.overdue > 0);
    if (late.length > 0) parts.push(`存在超期的单位：${late.map((u) => `${clip(u.unitName, 60)}（${u.overdue}条）`).join('、')}。`);
  }
  return [text(parts.join(''))];
}

function requirementParagraphs(requirements: Requirement[]): Block[] {
  if (requirements.length === 0) return [{ kind: 'paragraph', runs: [placeholder('下步工作要求，可从模板或往期通报中选用后修改')] }];
  return requirements.map((r, i): Block => {
    const heading = r.heading.trim();
    const ends = /[。！？；：]$/.test(heading) ? '' : '。';
    return { kind: 'paragraph', runs: [{ text: `（${chineseNumber(i + 1)}）${heading}${ends}`, style: 'heading' }, text(r.body.trim())] };
  });
}

const PROBLEM_COLUMNS: TableColumn[] = [
  { title: '序号', width: 0.06 },
  { title: '网站名称', width: 0.15 },
  { title: '主办单位', width: 0.14 },
  { title: '问题类型', width: 0.13 },
  { title: '问题描述', width: 0.28 },
  { title: '问题页面', width: 0.24 },
];

function problemTable(snapshot: RoundSnapshot): Block {
  const rows: string[][] = [];
  for (const site of snapshot.sites) {
    for (const p of site.problems.slice(0, MAX_PROBLEMS_PER_SITE)) {
      const evidence = p.evidence.trim() ? `（${clip(p.evidence, 80)}）` : '';
      rows.push([String(rows.length + 1), clip(site.name, 60), clip(site.unitName, 60), clip(p.indicatorName, 40), `${clip(p.message, 160)}${evidence}`, clip(p.url, 160)]);
    }
    const more = site.problems.length - MAX_PROBLEMS_PER_SITE;
    if (more > 0) rows.push(['', clip(site.name, 60), clip(site.unitName, 60), '', `另有${more}个问题，详见平台检查报告`, '']);
  }
  return { kind: 'table', columns: PROBLEM_COLUMNS, rows, empty: '本次检查未发现问题' };
}

function chartSpecs(snapshot: RoundSnapshot, options: NoticeOptions): ChartSpec[] {
  const units = new Map<string, { qualified: number; unqualified: number; incomplete: number }>();
  for (const s of snapshot.sites) {
    const u = units.get(s.unitName) ?? { qualified: 0, unqualified: 0, incomplete: 0 };
    u[s.verdict] += 1;
    units.set(s.unitName, u);
  }
  const unitNames = [...units.keys()];
  const top = topProblems(snapshot, 10);
  const f = computeFigures(snapshot);
  const trend = [...options.trend, { label: `${snapshot.year}年第${snapshot.seq}次`, total: f.sites.total, qualified: f.sites.qualified, unqualified: f.sites.unqualified, incomplete: f.sites.incomplete }];
  return [
    {
      id: 'verdicts-by-unit', title: '各单位网站检查结果', type: 'stacked-bar', categories: unitNames.map((n) => clip(n, 20)),
      series: [
        { name: '合格', values: unitNames.map((n) => units.get(n)!.qualified), color: COLORS.qualified },
        { name: '不合格', values: unitNames.map((n) => units.get(n)!.unqualified), color: COLORS.unqualified },
        { name: '未判定', values: unitNames.map((n) => units.get(n)!.incomplete), color: COLORS.incomplete },
      ],
    },
    { id: 'top-problems', title: '发现问题较多的指标', type: 'bar', categories: top.map((t) => clip(t.name, 20)), series: [{ name: '问题数', values: top.map((t) => t.count), color: COLORS.bar }] },
    {
      id: 'trend', title: '历次常态检查结果', type: 'line', categories: trend.map((t) => t.label),
      series: [
        { name: '合格', values: trend.map((t) => t.qualified), color: COLORS.qualified },
        { name: '不合格', values: trend.map((t) => t.unqualified), color: COLORS.unqualified },
        { name: '未判定', values: trend.map((t) => t.incomplete), color: COLORS.incomplete },
      ],
    },
  ];
}

function collectPlaceholders(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) if ('runs' in b) for (const r of b.runs) if (r.style === 'placeholder') out.push(r.text);
  return out;
}

/** The document's plain text in reading order (tests, search, the editor's preview). */
export function plainText(doc: NoticeDocument): string {
  return doc.blocks.map(blockText).filter(Boolean).join('\n');
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'paragraph': case 'docNumber': return b.runs.map((r) => r.text).join('');
    case 'attachmentList': return b.items.map((it, i) => `${i === 0 ? '附件：' : ''}${i + 1}.${it}`).join('\n');
    case 'signature': return `${b.office}\n${b.date}`;
    case 'attachment': return `${b.label}\n${b.title}`;
    case 'table': return [b.columns.map((c) => c.title).join('\t'), ...b.rows.map((r) => r.join('\t'))].join('\n');
    case 'chart': return b.caption;
    default: return b.text;
  }
}
