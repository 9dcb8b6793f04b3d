// Hand-built facts for the site-level check tests.
import { defaultConfig } from '../../src/config.js';
import type { ColumnFacts, PageFacts, SiteFacts } from '../../src/domain/index.js';
import type { CheckContext } from '../../src/checks/types.js';

export const NOW = '2024-06-30T04:00:00.000Z'; // 2024-06-30 12:00 Asia/Shanghai

export function ctx(patch: (c: ReturnType<typeof defaultConfig>) => void = () => {}): CheckContext {
  const config = defaultConfig();
  patch(config);
  return { config, now: new Date(NOW), rootUrl: 'http://www.example.gov.cn/', resources: new Map() };
}

export function page(over: Partial<PageFacts> = {}): PageFacts {
  return {
    url: 'http://www.example.gov.cn/a/1.html',
    finalUrl: 'http://www.example.gov.cn/a/1.html',
    depth: 1,
    status: 200,
    outcome: 'ok',
    ms: 120,
    contentType: 'text/html',
    charset: 'utf-8',
    charsetSource: 'header',
    bytes: 1000,
    title: '测试页面',
    meta: {},
    kind: 'article',
    breadcrumb: [],
    listDates: [],
    text: '',
    links: [],
    scripts: [],
    hiddenBlocks: [],
    identifiers: {
      siteIdCode: { value: '2101000001', where: 'meta' },
      icp: '辽ICP备12345678号',
      police: '辽公网安备21010002000001号',
      dangzheng: 'link',
      jiucuo: 'link',
    },
    search: { form: true, action: '/search' },
    pagination: [],
    notes: [],
    ...over,
  };
}

export function column(over: Partial<ColumnFacts> = {}): ColumnFacts {
  return { name: '工作动态', url: 'http://www.example.gov.cn/gzdt/', type: 'news', level: 1, newestDate: '2024-06-29', itemCount: 20, undatedItems: 0, pagesSeen: 1, ...over };
}

export function site(over: Partial<SiteFacts> = {}): SiteFacts {
  return {
    rootUrl: 'http://www.example.gov.cn/',
    host: 'www.example.gov.cn',
    now: NOW,
    home: page({ url: 'http://www.example.gov.cn/', finalUrl: 'http://www.example.gov.cn/', kind: 'home', depth: 0, listDates: ['2024-06-28'] }),
    probe: {
      availability: {
        url: 'http://www.example.gov.cn/',
        attempts: [
          { outcome: 'ok', status: 200, ms: 300 },
          { outcome: 'ok', status: 200, ms: 280 },
          { outcome: 'ok', status: 200, ms: 310 },
        ],
        thresholdMs: 15_000,
      },
      https: { checked: true, httpsUrl: 'https://www.example.gov.cn/', outcome: 'ok', status: 200 },
      ipv6: { host: 'www.example.gov.cn', aaaa: ['::1'], connected: true, outcome: 'ok' },
      soft404: { url: 'http://www.example.gov.cn/govpatrol-404-abc', status: 404, finalUrl: 'http://www.example.gov.cn/govpatrol-404-abc', outcome: 'http-error', bytes: 100 },
      robots: { url: 'http://www.example.gov.cn/robots.txt', status: 404, found: false, disallowsAll: false, sitemaps: [], obeyed: false },
      sitemaps: { urls: [], entries: 0 },
    },
    columns: [],
    brokenLinks: [],
    variants: [],
    baselines: [],
    keyPages: [],
    rendered: [],
    stats: { pages: 10, links: 100, bytes: 10_000, errors: 0 },
    ...over,
  };
}
