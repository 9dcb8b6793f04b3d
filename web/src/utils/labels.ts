// Chinese names for identifiers the API returns as they are stored (audit actions and entities, dictionaries,
// rule overlays). An unknown identifier is shown as it is.
const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', login: '登录', logout: '退出登录', password: '修改密码',
  enqueue: '加入扫描队列', import: '导入', export: '导出', 'login-failed': '登录失败', disable: '停用', enable: '启用',
};
const AUDIT_ENTITIES: Record<string, string> = {
  unit: '单位', user: '用户', website: '网站', account: '新媒体账号', job: '扫描任务', session: '会话', settings: '设置',
  scan: '扫描', inventory: '台账',
};
const DICTIONARIES: Record<string, string> = {
  typo: '错别字', 'wrong-expression': '严重表述错误', leaders: '领导人姓名与职务', 'sensitive/drugs': '敏感词·涉毒',
  'sensitive/fraud': '敏感词·涉诈', 'sensitive/gambling': '敏感词·涉赌', 'sensitive/porn': '敏感词·涉黄',
  'sensitive/violence': '敏感词·涉暴恐', 'sensitive/political': '敏感词·政治',
};
const OVERLAYS: Record<string, string> = { 'liaoning-2019': '辽宁省叠加规则（2019）', 'national-2019': '国办秘函〔2019〕19号' };

const pick = (table: Record<string, string>) => (id: string | null | undefined, locale: string): string =>
  !id ? '—' : locale === 'en' ? id : table[id] ?? id;

export const auditActionLabel = pick(AUDIT_ACTIONS);
export const auditEntityLabel = pick(AUDIT_ENTITIES);
export const dictionaryLabel = pick(DICTIONARIES);
export const overlayLabel = pick(OVERLAYS);
