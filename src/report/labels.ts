// Chinese labels shared by the text and HTML reports.
import type { CheckId, Severity } from '../domain/index.js';

export const CHECK_LABELS: Record<CheckId, string> = {
  availability: '站点可用性',
  'dead-link': '不可用链接',
  'soft-404': '软 404（错误页返回 200）',
  'stale-homepage': '首页不更新',
  'stale-column': '栏目不更新',
  'empty-column': '空白栏目',
  'missing-identifier': '网站标识缺失',
  'no-search': '无站内搜索',
  'no-https': '未启用 HTTPS',
  'no-ipv6': '不支持 IPv6',
  typo: '错别字',
  'wrong-expression': '严重表述错误',
  'sensitive-word': '敏感词',
  'privacy-leak': '个人信息泄露',
  'hidden-link': '暗链',
  'seo-spam': 'SEO 垃圾内容（页面被劫持）',
  'malicious-redirect': '恶意跳转',
  cloaking: '蜘蛛/搜索来路差异化内容（cloaking）',
  defacement: '页面被篡改',
  'consultation-period': '意见征集期限不足',
  'interpretation-missing': '政策解读缺失',
  'oversized-page': '页面内容无法完整传输（超大/无尽/压缩炸弹）',
  'tls-chain': '证书链不完整',
  manual: '人工检查',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  veto: '否决',
  major: '严重',
  minor: '一般',
  info: '提示',
};

export const SEVERITY_ORDER: Record<Severity, number> = { veto: 0, major: 1, minor: 2, info: 3 };

export const VERDICT_LABELS = { qualified: '合格', unqualified: '不合格' } as const;

export const KIND_LABELS = { veto: '单项否决', deduction: '扣分', bonus: '加分' } as const;
