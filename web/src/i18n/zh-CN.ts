// 简体中文（默认语言）。消息中不要写 @ { } | 等 vue-i18n 语法字符。
export default {
  app: { title: '政务巡检', subtitle: '政府网站与政务新媒体监管平台' },
  common: {
    search: '搜索', reset: '重置', add: '新增', edit: '编辑', delete: '删除', save: '保存', cancel: '取消',
    confirm: '确定', actions: '操作', detail: '详情', refresh: '刷新', import: '导入', export: '导出',
    template: '下载模板', yes: '是', no: '否', noData: '暂无数据', loading: '加载中…', all: '全部',
    deleteConfirm: '确定删除「{name}」吗？', saved: '已保存', deleted: '已删除', required: '必填',
    keyword: '关键词', total: '共 {n} 条', back: '返回', close: '关闭', none: '无',
  },
  nav: {
    dashboard: '总览', websites: '网站', websiteDetail: '网站详情', units: '单位', accounts: '新媒体账号',
    system: '系统管理', users: '用户与角色', audit: '审计日志', settings: '设置', forbidden: '无权访问',
    notFound: '页面不存在', home: '首页',
  },
  navbar: {
    language: '语言', password: '修改密码', logout: '退出登录', toggle: '展开/收起菜单',
    oldPassword: '原密码', newPassword: '新密码', confirmPassword: '确认新密码', passwordMismatch: '两次输入的新密码不一致',
    passwordPolicy: '至少 10 位，同时包含字母和数字，不含用户名', passwordChanged: '密码已修改，请重新登录',
  },
  login: {
    title: '政务巡检 · 登录', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码错误',
    throttled: '尝试次数过多，请稍后再试', hint: '首次使用请由管理员执行 govpatrol admin create 创建账号',
  },
  role: { supervisor: '监管方', inspector: '检查员', unit: '责任单位', viewer: '只读' },
  verdict: { qualified: '合格', unqualified: '不合格', unscanned: '未检查' },
  severity: { veto: '单项否决', major: '严重', minor: '一般', info: '提示' },
  kind: { portal: '门户网站', department: '部门网站' },
  unitType: { 'city-dept': '市政府部门', county: '县(市)区政府', park: '园区管委会', direct: '直属单位', other: '其他' },
  platform: {
    wechat: '微信公众号', weibo: '微博', douyin: '抖音', toutiao: '今日头条', kuaishou: '快手', bilibili: '哔哩哔哩',
    app: '移动客户端', other: '其他',
  },
  accountStatus: { active: '正常', closed: '已关停' },
  jobStatus: { queued: '排队中', running: '扫描中', done: '已完成', failed: '失败' },
  dashboard: {
    websites: '网站总数', accounts: '新媒体账号', qualified: '合格', unqualified: '不合格', unscanned: '未检查',
    openFindings: '待整改问题', trend: '近期得分趋势', avgScore: '平均得分', distribution: '检查结论分布',
    latest: '各网站最新检查结果', worst: '问题最多的网站',
  },
  website: {
    name: '网站名称', url: '网址', unit: '主办单位', kind: '网站类型', siteCode: '网站标识码', icp: 'ICP备案号',
    subsites: '子站点', subsitesHint: '每行一个主机名，如 xxgk.example.gov.cn', schedule: '扫描计划（cron）',
    scheduleHint: '留空则使用系统默认计划', defaultSchedule: '系统默认计划', maxPages: '最大页面数', verdict: '结论', score: '得分', findings: '问题数',
    lastScan: '最近检查', check: '检查项', addTitle: '新增网站', editTitle: '编辑网站', scanNow: '立即扫描',
    scanStarted: '已开始扫描', urlInvalid: '请输入以 http:// 或 https:// 开头的网址', exportXlsx: '导出 Excel',
    exportCsv: '导出 CSV', scanQueued: '已加入队列',
  },
  detail: {
    info: '基本信息', latestScan: '最新检查', findings: '问题清单', coverage: '检查覆盖', history: '得分历史',
    scans: '检查记录', noScan: '尚未检查，点击「立即扫描」开始', indicator: '指标', points: '扣/加分',
    message: '问题说明', evidence: '证据', page: '所在页面', target: '链接目标', rule: '违反规则', advice: '整改建议',
    severity: '严重程度', startedAt: '开始时间', finishedAt: '完成时间', status: '状态', pages: '页面',
    links: '链接', errors: '错误', ran: '已运行', skipped: '已跳过', failed: '失败', reason: '原因',
    viewScan: '查看', progress: '扫描进度', queued: '待抓取', refused: '无权访问该网站，或网站不存在',
    noFindings: '本次检查未发现问题', noCoverage: '本次检查的报告未记录各检查项的运行情况（已运行/已跳过/失败）', linkedFrom: '附件所在页面', veto: '否决项', deduction: '扣分项', bonus: '加分项',
    indicatorCount: '{n} 条',
  },
  unit: {
    tree: '单位树', name: '单位名称', type: '单位类型', parent: '上级单位', code: '统一社会信用代码/编码',
    contact: '联系人及电话', includeSubunits: '可查看下级单位数据', addRoot: '新增顶级单位', addChild: '新增下级单位',
    select: '请在左侧选择单位', filter: '输入名称筛选',
  },
  account: {
    platform: '平台', name: '账号名称', platformId: '平台账号/ID', unit: '主办单位', status: '状态',
    addTitle: '新增新媒体账号', editTitle: '编辑新媒体账号',
  },
  user: {
    username: '用户名', displayName: '姓名', role: '角色', unit: '所属单位', disabled: '停用', password: '初始密码',
    addTitle: '新增用户', editTitle: '编辑用户', enabled: '启用', unitRequired: '责任单位用户必须选择所属单位',
  },
  audit: {
    at: '时间', actor: '操作人', action: '操作', entity: '对象', entityId: '对象编号', ip: '来源地址',
    before: '修改前', after: '修改后', range: '时间范围', start: '开始日期', end: '结束日期',
  },
  settings: {
    schedule: '扫描计划', defaultCron: '默认扫描计划（cron）', defaultMaxPages: '每站最大页面数',
    cronHint: '例如 0 2 * * * 表示每天凌晨 2 点（北京时间）', overlays: '省级叠加规则', dictionaries: '词库（只读）',
    dictName: '名称', dictVersion: '版本', dictEntries: '条目数',
  },
  importer: {
    title: '导入{kind}', drag: '将 .xlsx 或 .csv 文件拖到此处，或', click: '点击选择文件', tip: '请先下载模板，按模板列填写；任一行有误则整批不导入',
    submit: '开始导入', success: '成功导入 {n} 条', failed: '导入失败，未导入任何数据。请修改以下行后重新导入：',
    row: '行号', column: '列', message: '错误说明', noFile: '请选择文件',
    kinds: { websites: '网站', accounts: '新媒体账号', units: '单位' },
  },
  probes: {
    title: '可用性探测', window: '近7天 {n} 次探测，失败 {m} 次（{pct}%）', incomplete: '探测数据不足一周，可用性结论暂缺',
    incompleteDetail: '已探测 {n} 次，失败 {m} 次。满一周且每天不少于 20 次后给出结论。',
    vetoed: '站点无法访问（单项否决）', available: '可用', responseTime: '响应时间', failedProbe: '探测失败', none: '暂无探测记录',
    rule: '规则：连续监测 1 周，每天不少于 20 次；首页 15 秒内未打开即为失败；失败比例累计达到 5% 即单项否决。',
  },
  error: { forbidden: '您没有访问该页面的权限', notFound: '您访问的页面不存在', network: '网络错误，请稍后重试', session: '登录已失效，请重新登录' },
};
