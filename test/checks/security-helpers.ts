// Hand-built facts for the security check tests.
import type { LinkFact, PageFacts, SiteFacts, VariantFacts } from '../../src/domain/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import { defaultConfig } from '../../src/config.js';

export const ROOT = 'http://www.hd.gov.cn/';

// One context (and so one text engine) for the file: the dictionaries load once.
const shared: CheckContext = { config: defaultConfig(), now: new Date('2025-06-01T00:00:00Z'), rootUrl: ROOT, resources: new Map() };
export function ctx(): CheckContext {
  return shared;
}

export function link(url: string, text: string, extra: Partial<LinkFact> = {}): LinkFact {
  return { url, href: url, tag: 'a', text, place: 'body', ...extra };
}

export function page(extra: Partial<PageFacts> = {}): PageFacts {
  return {
    url: `${ROOT}index.html`,
    finalUrl: `${ROOT}index.html`,
    depth: 0,
    status: 200,
    outcome: 'ok',
    ms: 100,
    contentType: 'text/html',
    charset: 'utf-8',
    charsetSource: 'header',
    bytes: 1000,
    title: '海淀区人民政府',
    meta: {},
    kind: 'home',
    breadcrumb: [],
    listDates: [],
    text: '海淀区人民政府门户网站 政务公开 政策文件 通知公告',
    links: [],
    scripts: [],
    hiddenBlocks: [],
    identifiers: { dangzheng: false, jiucuo: false },
    search: { form: false },
    pagination: [],
    notes: [],
    ...extra,
  };
}

export function variant(as: string, extra: Partial<VariantFacts> = {}): VariantFacts {
  return {
    url: `${ROOT}index.html`,
    as,
    userAgent: as,
    outcome: 'ok',
    status: 200,
    finalUrl: `${ROOT}index.html`,
    redirects: [],
    title: '海淀区人民政府',
    text: '海淀区人民政府门户网站 政务公开 政策文件 通知公告 关于做好防汛工作的通知 区政府常务会议研究部署重点工作 全区经济运行情况',
    linkHosts: ['www.hd.gov.cn', 'www.beijing.gov.cn'],
    scriptSrcs: [],
    ...extra,
  };
}

export function site(extra: Partial<SiteFacts> = {}): SiteFacts {
  return {
    rootUrl: ROOT,
    host: 'www.hd.gov.cn',
    now: '2025-06-01T00:00:00Z',
    probe: {} as SiteFacts['probe'],
    columns: [],
    brokenLinks: [],
    variants: [],
    baselines: [],
    keyPages: [],
    rendered: [],
    stats: { pages: 1, links: 0, bytes: 0, errors: 0 },
    ...extra,
  };
}
