// The yearly documents of 国办函〔2018〕12号 (rules-cn §1.6), written by the same machinery as the 通报:
// 《政府网站与政务新媒体监管工作年度报表》 for the supervisor and 《政府网站工作年度报表》 for each site, from
// the year's published rounds. A figure the platform does not hold is 「未掌握」, never 0; a sum over months
// of which some are not held says how many.
import type { RoundSiteResult, RoundSnapshot } from '../../domain/round.js';
import type { Block, OfficialDocument } from './model.js';
import { chineseDate, clip, percent } from './format.js';

export const NOT_HELD = '未掌握';

export interface YearlyOptions {
  office: string;
  /** 成文（填报）日期, YYYY-MM-DD. */
  date: string;
  /** 通报 issued in the year (numbered documents); null when not known. */
  noticesIssued: number | null;
}

type Row = [category: string, item: string, value: string];

const COLUMNS = [
  { title: '类别', width: 0.22 },
  { title: '指标', width: 0.43 },
  { title: '数据', width: 0.35 },
];

const held = (n: number | null | undefined, unit = ''): string => (n === null || n === undefined ? NOT_HELD : `${n}${unit}`);

/** A sum over the rounds; 未掌握 when no round holds it, and the count of rounds that do not when some hold it. */
function partialSum(values: Array<number | null>, unit: string): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return NOT_HELD;
  const sum = known.reduce((a, b) => a + b, 0);
  const missing = values.length - known.length;
  return missing > 0 ? `${sum}${unit}（另有${missing}次检查的数据未掌握）` : `${sum}${unit}`;
}

function table(rows: Row[]): Block {
  return { kind: 'table', columns: COLUMNS, rows, empty: NOT_HELD };
}

function header(title: string, office: string, year: number): Block[] {
  return [
    { kind: 'title', text: title },
    { kind: 'paragraph', runs: [{ text: `填报单位：${office}　　统计时段：${year}年1月1日至${year}年12月31日` }] },
  ];
}

function notHeldNote(): Block {
  return { kind: 'paragraph', runs: [{ text: `说明：表中「${NOT_HELD}」表示平台尚未掌握该项数据，请填报单位据实补充；平台掌握的数据均来自本年度已发布的常态检查。` }] };
}

/** 《政府网站与政务新媒体监管工作年度报表》 for the supervisor. */
export function buildYearlySupervision(year: number, rounds: RoundSnapshot[], opts: YearlyOptions): OfficialDocument {
  const title = `${year}年政府网站与政务新媒体监管工作年度报表`;
  const sites = rounds.flatMap((r) => r.sites);
  const count = (v: RoundSiteResult['verdict']) => sites.filter((s) => s.verdict === v).length;
  const q = count('qualified');
  const u = count('unqualified');
  const last = rounds.at(-1);
  const rows: Row[] = [
    ['常态化监管', '常态检查次数', `${rounds.length}次`],
    ['常态化监管', '检查网站数量（去重）', `${new Set(sites.map((s) => s.websiteId)).size}个`],
    ['常态化监管', '累计检查网站（站次）', `${sites.length}站次`],
    ['常态化监管', '合格／不合格／未判定（站次）', `${q}／${u}／${count('incomplete')}`],
    ['常态化监管', '合格率（已判定站次）', percent(q, q + u) ?? NOT_HELD],
    ['常态化监管', '发现问题数量', `${sites.reduce((n, s) => n + s.problems.length, 0)}个`],
    ['常态化监管', '检查结果公开（通报）次数', held(opts.noticesIssued, '次')],
    ['开设整合', '年末检查覆盖的政府网站数量', last ? `${last.sites.length}个` : NOT_HELD],
    ['开设整合', '新开设／关停整合网站数量', NOT_HELD],
    ['安全检查', '安全检查次数／发现安全问题数量', NOT_HELD],
    ['找错留言办理', '收到「我为政府网站找错」留言', partialSum(rounds.map((r) => r.messages?.received ?? null), '条')],
    ['找错留言办理', '按时答复', partialSum(rounds.map((r) => r.messages?.answeredOnTime ?? null), '条')],
    ['找错留言办理', '超期答复', partialSum(rounds.map((r) => r.messages?.overdue ?? null), '条')],
    ['政务新媒体', '检查账号（次）', partialSum(rounds.map((r) => r.accounts?.checked ?? null), '个')],
    ['政务新媒体', '合格账号（次）', partialSum(rounds.map((r) => r.accounts?.qualified ?? null), '个')],
    ['假冒网站处置', '发现并处置假冒政府网站数量', NOT_HELD],
    ['培训', '培训次数／培训人次', NOT_HELD],
  ];
  return {
    title,
    blocks: [...header(title, opts.office, year), table(rows), notHeldNote(), { kind: 'signature', office: opts.office, date: chineseDate(opts.date) }],
  };
}

/** 《政府网站工作年度报表》 of one site, from the rounds that covered it. */
export function buildYearlySite(year: number, websiteId: number, rounds: RoundSnapshot[], opts: YearlyOptions & { site: { name: string; url: string; unitName: string; kind: 'portal' | 'department' } }): OfficialDocument {
  const name = clip(opts.site.name, 80);
  const title = `${name}${year}年政府网站工作年度报表`;
  const results = rounds.map((r) => r.sites.find((s) => s.websiteId === websiteId)).filter((s): s is RoundSiteResult => !!s);
  const count = (v: RoundSiteResult['verdict']) => results.filter((s) => s.verdict === v).length;
  const latest = results.at(-1);
  const rows: Row[] = [
    ['基本信息', '网站名称', name],
    ['基本信息', '首页网址', clip(opts.site.url, 200)],
    ['基本信息', '主办单位', clip(opts.site.unitName, 80)],
    ['基本信息', '网站类型', opts.site.kind === 'portal' ? '政府门户网站' : '部门网站'],
    ['基本信息', '政府网站标识码／ICP备案号／公安机关备案号', NOT_HELD],
    ['基本信息', '独立用户访问总量／网站总访问量', NOT_HELD],
    ['信息发布', '信息发布总数（概况类、政务动态、信息公开目录）', NOT_HELD],
    ['专栏专题', '维护数量／新开设数量', NOT_HELD],
    ['解读回应', '解读信息发布总数／回应公众关注热点次数', NOT_HELD],
    ['办事服务', '注册用户数／政务服务事项数量／办件量', NOT_HELD],
    ['互动交流', '收到留言数量／办结留言数量', NOT_HELD],
    ['安全防护', '参加常态检查（次）', `${results.length}次`],
    ['安全防护', '其中完成技术检测（次）', `${results.filter((s) => s.scanId !== null).length}次`],
    ['安全防护', '检查发现问题数量', `${results.reduce((n, s) => n + s.problems.length, 0)}个`],
    ['安全防护', '合格／不合格／未判定（次）', `${count('qualified')}／${count('unqualified')}／${count('incomplete')}`],
    ['安全防护', '单项否决（次）', `${results.filter((s) => s.vetoes.length > 0).length}次`],
    ['安全防护', '最近一次检查得分', latest ? (latest.score === null ? '未判定' : `${latest.score}分`) : NOT_HELD],
    ['安全防护', '安全检测评估次数／问题整改数量', NOT_HELD],
    ['移动新媒体', '是否有移动新媒体／名称', NOT_HELD],
    ['创新发展', '搜索即服务、多语言版本、无障碍浏览等', NOT_HELD],
  ];
  return {
    title,
    blocks: [...header(title, clip(opts.site.unitName, 80), year), table(rows), notHeldNote(), { kind: 'signature', office: clip(opts.site.unitName, 80), date: chineseDate(opts.date) }],
  };
}
