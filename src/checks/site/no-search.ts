// no-search: the home page offers no site search (站内搜索 is checked under 功能设计).
import type { SiteCheck } from '../types.js';
import { makeFinding } from './util.js';

export const noSearchCheck: SiteCheck<'no-search'> = {
  id: 'no-search',
  scope: 'site',
  run(site) {
    const home = site.home;
    if (!home || home.outcome !== 'ok' || home.status !== 200) return [];
    if (home.search.form) return [];
    return [
      makeFinding({
        check: 'no-search',
        url: home.url,
        evidence: `首页未发现站内搜索表单或搜索入口（标题：${home.title}）`,
        message: '首页没有站内搜索功能',
        advice: '在首页显著位置提供全站搜索，覆盖全部栏目与附件，并支持按栏目/类别分类展示搜索结果',
        detail: {},
      }),
    ];
  },
};
