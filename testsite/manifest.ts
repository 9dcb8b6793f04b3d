// The planted defects as data: exactly one entry per finding the checks must report, and nothing else.
import type { CheckId } from '../src/domain/index.js';
import { PLANTED_ATTACHMENTS, columnPath, specialItem, type SiteModel, type SpecialKind } from './model.js';
import { PLANTED_WORDS } from './planted.js';

export interface PlantedDefect {
  check: CheckId;
  url: string; // page where the finding must be reported (attachment URL for attachment findings)
  target?: string; // linked URL for link findings
  evidence?: string; // a substring the finding's evidence must contain
  detail?: Record<string, unknown>;
  note: string; // 中文说明
}

export function buildManifest(m: SiteModel, origin: string): PlantedDefect[] {
  return withoutFixed(m, origin, plantedDefects(m, origin));
}

/** A fixed defect's article is served clean: its findings (and those of the attachments it linked) are gone. */
function withoutFixed(m: SiteModel, origin: string, all: PlantedDefect[]): PlantedDefect[] {
  if (m.fixed.size === 0) return all;
  const gone = new Set([...m.fixed].map((kind) => origin + specialItem(m, kind).path));
  return all.filter((d) => !gone.has(d.url) && !gone.has(String(d.detail?.linkedFrom ?? '')));
}

function plantedDefects(m: SiteModel, origin: string): PlantedDefect[] {
  const root = `${origin}/`;
  const out: PlantedDefect[] = [];
  // Transport properties of the loopback server: present in every site, clean or not.
  out.push({ check: 'no-https', url: root, note: '站点仅提供 HTTP 访问，未启用 HTTPS' });
  if (!m.variant.ipv6) out.push({ check: 'no-ipv6', url: root, note: '站点未提供 IPv6 访问' });

  const v = m.variant;
  if (v.staleHome) out.push({ check: 'stale-homepage', url: root, detail: { days: 30 }, note: '首页最新信息为30天前发布' });
  if (v.slowHomeMs) out.push({ check: 'availability', url: root, note: `首页响应延迟 ${v.slowHomeMs} 毫秒` });
  if (v.noSearch) out.push({ check: 'no-search', url: root, note: '站点没有搜索功能' });
  if (v.tampered) {
    out.push({ check: 'defacement', url: root, evidence: PLANTED_WORDS.defacementScript, note: '首页被篡改：注入外部脚本与 iframe，文字被改动' });
  }
  if (!m.defects) return out;

  const at = (kind: SpecialKind) => origin + specialItem(m, kind).path;
  const col = (slug: string) => origin + columnPath(m.bySlug.get(slug)!);
  const w = PLANTED_WORDS;
  const p = w.privacy;

  out.push(
    { check: 'soft-404', url: root, note: '不存在的页面返回 200 状态码（软404）' },
    { check: 'dead-link', url: root, target: `${origin}/bad/404.html`, detail: { location: 'home', internal: true }, note: '首页链接到不存在的内部页面（404）' },
    { check: 'dead-link', url: at('dead-500'), target: `${origin}/bad/500.html`, detail: { location: 'page', internal: true }, note: '文章链接到返回 500 的内部页面' },
    { check: 'dead-link', url: at('dead-gone'), target: 'http://external.example.org/gone.html', detail: { location: 'page', internal: false }, note: '文章链接到已失效的外部页面（404）' },
    { check: 'dead-link', url: at('dead-nxdomain'), target: 'http://nxdomain.example.org/', detail: { location: 'page', internal: false }, note: '文章链接到域名无法解析的外部站点' },
    { check: 'dead-link', url: at('dead-attach'), target: origin + PLANTED_ATTACHMENTS.missing, detail: { location: 'page', internal: true }, note: '文章附件不存在（404）' },
    { check: 'stale-column', url: col('tzgg'), detail: { column: '通知公告' }, note: '通知公告栏目最新信息为约8个月前发布' },
    { check: 'stale-column', url: col('rsxx'), detail: { column: '人事信息' }, note: '人事信息栏目最新信息为2年前发布' },
    { check: 'stale-column', url: col('bmdt'), detail: { column: '部门动态' }, note: '部门动态栏目最新信息为40天前发布' },
    { check: 'stale-column', url: col('tjsj'), detail: { column: '统计数据' }, note: '统计数据栏目（应持续更新的政务公开栏目）最新信息为400天前发布，超过「长期未更新」期限' },
    { check: 'empty-column', url: col('ztzl'), detail: { column: '专题专栏' }, note: '专题专栏为空白栏目（暂无信息）' },
    { check: 'missing-identifier', url: at('missing-icp'), detail: { which: 'icp' }, note: '页面缺少 ICP 备案号' },
    { check: 'missing-identifier', url: at('missing-dangzheng'), detail: { which: 'dangzheng' }, note: '页面缺少党政机关网站标识' },
    { check: 'missing-identifier', url: at('missing-jiucuo'), detail: { which: 'jiucuo' }, note: '页面缺少「我为政府网站找错」入口' },
    { check: 'typo', url: at('typo-zhenhan'), evidence: w.typos[0].found, detail: { found: w.typos[0].found, correct: w.typos[0].correct }, note: '错别字：震憾（应为震撼）' },
    { check: 'typo', url: at('typo-jiezhi'), evidence: w.typos[1].found, detail: { found: w.typos[1].found, correct: w.typos[1].correct }, note: '错别字：截止目前（应为截至目前）' },
    { check: 'wrong-expression', url: at('wrong-guoming'), evidence: w.wrongExpressions[0].found, detail: { found: w.wrongExpressions[0].found, correct: w.wrongExpressions[0].correct }, note: '国名表述错误：中 华 人 民 共 合 国' },
    { check: 'wrong-expression', url: at('wrong-saohei'), evidence: w.wrongExpressions[1].found, detail: { found: w.wrongExpressions[1].found, correct: w.wrongExpressions[1].correct }, note: '政治术语错误：扫黑险恶（应为扫黑除恶）' },
    { check: 'sensitive-word', url: at('sensitive-gambling'), evidence: w.sensitive[0].word, detail: { list: 'gambling' }, note: '被劫持的旧页面正文含赌博词「网上赌场」' },
    { check: 'privacy-leak', url: at('privacy-table'), evidence: p.idCard, detail: { type: 'id-card' }, note: '低保名单公示表中含未脱敏的身份证号' },
    { check: 'privacy-leak', url: at('privacy-table'), evidence: p.mobile, detail: { type: 'mobile' }, note: '低保名单公示表中含未脱敏的手机号' },
    { check: 'privacy-leak', url: at('privacy-table'), evidence: p.bankCard, detail: { type: 'bank-card' }, note: '低保名单公示表中含未脱敏的银行卡号' },
    { check: 'privacy-leak', url: origin + PLANTED_ATTACHMENTS.pdf, evidence: p.pdfIdCard, detail: { type: 'id-card', linkedFrom: at('privacy-attachments') }, note: 'PDF 附件中含未脱敏的身份证号' },
    { check: 'privacy-leak', url: origin + PLANTED_ATTACHMENTS.xlsx, evidence: p.xlsxIdCard, detail: { type: 'id-card', linkedFrom: at('privacy-attachments') }, note: 'XLSX 附件中含未脱敏的身份证号' },
    { check: 'privacy-leak', url: origin + PLANTED_ATTACHMENTS.xlsx, evidence: p.xlsxMobile, detail: { type: 'mobile', linkedFrom: at('privacy-attachments') }, note: 'XLSX 附件中含未脱敏的手机号' },
    { check: 'hidden-link', url: at('hidden-link'), evidence: w.hiddenLinkMarkup, note: '文章中含 display:none 隐藏的博彩暗链（3个）' },
    { check: 'seo-spam', url: at('seo-spam'), evidence: w.seoTitle, detail: { where: 'title' }, note: '被劫持页面标题为繁体色情赌博关键词' },
    { check: 'malicious-redirect', url: at('malicious-redirect'), target: w.redirectTarget, note: '来自搜索引擎的访问被脚本跳转到外部博彩站点' },
    { check: 'cloaking', url: root, detail: { as: 'baiduspider' }, note: '首页对百度蜘蛛返回不同标题并附加博彩链接' },
    { check: 'consultation-period', url: at('consult-15'), detail: { days: 15 }, note: '意见征集期限15天（首尾两天均计入），未说明理由' },
    { check: 'interpretation-missing', url: at('interp-missing'), note: '政策文件未关联政策解读' },
  );
  return out;
}
