// Check ids (docs/contracts.md) and their Chinese names, for the filter and the findings table.
export const CHECKS: { id: string; zh: string; en: string }[] = [
  { id: 'availability', zh: '站点可用性', en: 'Availability' },
  { id: 'dead-link', zh: '死链接', en: 'Dead link' },
  { id: 'soft-404', zh: '软 404', en: 'Soft 404' },
  { id: 'stale-homepage', zh: '首页不更新', en: 'Stale home page' },
  { id: 'stale-column', zh: '栏目不更新', en: 'Stale column' },
  { id: 'empty-column', zh: '空白栏目', en: 'Empty column' },
  { id: 'missing-identifier', zh: '缺少标识', en: 'Missing identifier' },
  { id: 'no-search', zh: '无站内搜索', en: 'No site search' },
  { id: 'no-https', zh: '未启用 HTTPS', en: 'No HTTPS' },
  { id: 'no-ipv6', zh: '不支持 IPv6', en: 'No IPv6' },
  { id: 'typo', zh: '错别字', en: 'Typo' },
  { id: 'wrong-expression', zh: '严重表述错误', en: 'Wrong expression' },
  { id: 'sensitive-word', zh: '敏感词', en: 'Sensitive word' },
  { id: 'privacy-leak', zh: '隐私泄露', en: 'Privacy leak' },
  { id: 'hidden-link', zh: '暗链', en: 'Hidden link' },
  { id: 'seo-spam', zh: '黑帽 SEO', en: 'SEO spam' },
  { id: 'malicious-redirect', zh: '恶意跳转', en: 'Malicious redirect' },
  { id: 'cloaking', zh: '差异化页面（劫持）', en: 'Cloaking' },
  { id: 'defacement', zh: '网页篡改', en: 'Defacement' },
  { id: 'consultation-period', zh: '意见征集期限不足', en: 'Consultation period' },
  { id: 'interpretation-missing', zh: '缺少政策解读', en: 'Interpretation missing' },
  { id: 'oversized-page', zh: '超大页面', en: 'Oversized page' },
  { id: 'tls-chain', zh: '证书链不完整', en: 'Incomplete TLS chain' },
  { id: 'manual', zh: '人工检查', en: 'Manual check' },
];

const byId = new Map(CHECKS.map((c) => [c.id, c]));

export function checkLabel(id: string, locale: string): string {
  const c = byId.get(id);
  if (!c) return id;
  return locale === 'en' ? c.en : c.zh;
}
