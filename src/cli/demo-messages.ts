// Demo 「我为政府网站找错」 messages: last month's all handled (most on time, one late, one invalid, one not
// accepted) and this month's in every state, some overdue, from the public form and from the national
// platform; written through the workflow itself, with past times, so deadlines and events are real.
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { SYSTEM_ACTOR, UnitScope, type Actor } from '../store/scope.js';
import { websitesForMatching } from '../store/messages.js';
import * as wf from '../workflows/messages.js';

const DAY = 86_400_000;
const PUBLIC: Actor = { id: null, username: '公众', role: 'viewer', unitId: null, ip: '127.0.0.1' };

interface Plan {
  site: number;
  daysAgo: number;
  category: wf.MessageCategory;
  title: string;
  content: string;
  /** Steps after intake, each some days after it. */
  steps: Array<{ kind: 'dispatch' | 'answer' | 'publish' | 'invalid' | 'rejected'; after: number; text?: string }>;
  national?: string;
}

const REPLY = '经核实，已按您反映的问题完成整改，感谢您对政府网站工作的监督。';

/** Days from the start of this month (Asia/Shanghai) back to now. */
function daysIntoMonth(now: Date): number {
  const bj = new Date(now.getTime() + 8 * 3_600_000);
  const first = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), 1) - 8 * 3_600_000;
  return (now.getTime() - first) / DAY;
}

function plans(now: Date): Plan[] {
  const last = (k: number) => daysIntoMonth(now) + k; // k days before this month began: last month
  const handled = (site: number, daysAgo: number, category: wf.MessageCategory, title: string, content: string, replyAfter: number): Plan => ({
    site, daysAgo, category, title, content,
    steps: [{ kind: 'dispatch', after: 0.2 }, { kind: 'answer', after: replyAfter, text: REPLY }, { kind: 'publish', after: replyAfter + 0.1 }],
  });
  return [
    // Last month: handled.
    handled(0, last(25), 'dead-link', '首页「政策解读」栏目链接打不开', '点击首页「政策解读」后显示 404 页面。', 1),
    handled(1, last(20), 'typo', '通知中「登陆」应为「登录」', '《关于开展网上办事的通知》第二段「登陆系统」应为「登录系统」。', 2),
    handled(2, last(16), 'stale', '「工作动态」栏目三个月未更新', '工作动态最新一条是三个月前发布的。', 1),
    handled(0, last(14), 'inaccurate', '办事指南中的咨询电话已停用', '拨打办事指南中的咨询电话提示空号。', 9), // answered late
    { site: 1, daysAgo: last(10), category: 'other', title: '点击领取福利', content: '广告内容，与政府网站无关。', steps: [{ kind: 'invalid', after: 0.3, text: '广告信息，不予处理' }] },
    { site: 2, daysAgo: last(6), category: 'service', title: '希望增加在线缴费功能', content: '建议网站增加水费在线缴纳。', steps: [{ kind: 'rejected', after: 0.5, text: '属于意见建议，已转政务服务热线办理' }] },
    // Recent (this month, or the end of the last at the start of a month): every state, some overdue.
    { site: 0, daysAgo: 0.1, category: 'typo', title: '领导活动报道中职务名称有误', content: '报道中「副市长」应为「市长」。', steps: [] },
    { site: 2, daysAgo: 6, category: 'dead-link', title: '附件下载链接失效', content: '政府信息公开年报附件无法下载。', steps: [] }, // forwarding overdue
    { site: 1, daysAgo: 9, category: 'stale', title: '「通知公告」栏目长期未更新', content: '通知公告栏目最新内容为半年前。', steps: [{ kind: 'dispatch', after: 0.5 }] }, // reply overdue
    { site: 0, daysAgo: 1, category: 'service', title: '在线申请页面无法提交', content: '填写完成后点击提交无反应。', steps: [{ kind: 'dispatch', after: 0.2 }] },
    { site: 2, daysAgo: 3, category: 'inaccurate', title: '机构职能信息与实际不符', content: '机构职能页面仍是机构改革前的内容。', steps: [{ kind: 'dispatch', after: 0.3 }, { kind: 'answer', after: 1, text: '已更新机构职能信息。' }] },
    handled(1, 5, 'dead-link', '网站地图中多个链接指向不存在的页面', '网站地图中「专题专栏」下三个链接打开为 404。', 1),
    { site: 0, daysAgo: 2, category: 'interaction', title: '领导信箱来信长期未答复', content: '两周前在领导信箱的来信至今没有答复。', steps: [], national: 'GOV202612000123' },
    { site: 2, daysAgo: 4, category: 'typo', title: '政策文件标题有错别字', content: '文件标题中「实旋」应为「实施」。', steps: [{ kind: 'dispatch', after: 0.5 }], national: 'GOV202612000087' },
  ];
}

export async function seedDemoMessages(db: Kysely<Database>, now = new Date()): Promise<number> {
  const sites = await websitesForMatching(db);
  if (!sites.length) return 0;
  const sup = await UnitScope.of(db, SYSTEM_ACTOR);
  let count = 0;
  for (const plan of plans(now)) {
    const site = sites[plan.site % sites.length]!;
    const at = (days: number) => new Date(now.getTime() - (plan.daysAgo - days) * DAY);
    const id = await intake(db, plan, site, at(0));
    const unit = await UnitScope.of(db, { id: null, username: '单位操作员', role: 'unit', unitId: site.unitId });
    for (const s of plan.steps) {
      const opts = { now: at(s.after) };
      if (s.kind === 'dispatch') await wf.dispatchMessage(db, sup, id, {}, opts);
      if (s.kind === 'answer') await wf.answerMessage(db, unit, id, { reply: s.text! }, opts);
      if (s.kind === 'publish') await wf.publishMessage(db, sup, id, opts);
      if (s.kind === 'invalid' || s.kind === 'rejected') await wf.closeMessage(db, sup, id, { status: s.kind, reason: s.text! }, opts);
    }
    count++;
  }
  return count;
}

async function intake(db: Kysely<Database>, plan: Plan, site: wf.SiteCandidate, at: Date): Promise<number> {
  if (plan.national) {
    const [created] = await wf.receive(db, { ...SYSTEM_ACTOR, username: 'demo' }, [{
      source: 'national', externalNo: plan.national, site, siteName: site.name, siteUrl: site.url, pageUrl: '', category: plan.category,
      title: plan.title, content: plan.content, contactName: '', contact: '', receivedAt: at,
    }], at);
    return created!.id;
  }
  const { trackingNo } = await wf.submitPublicMessage(db, PUBLIC, { websiteId: site.id, category: plan.category, title: plan.title, content: plan.content, contactName: '王先生', contact: '139****0000' }, { now: at });
  const row = await db.selectFrom('messages').select('id').where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow();
  return row.id;
}
