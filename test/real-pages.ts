// Where the saved real government pages live: ../shared beside the checkout (as in CI), else the workspace copy.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const candidates = [
  resolve(import.meta.dirname, '../../shared/fixtures/real-pages'),
  '/work/shared/fixtures/real-pages',
];

export const REAL_PAGES_DIR = (candidates.find((d) => existsSync(d)) ?? candidates[0]) + '/';

/** Where each saved page was published: the extractor resolves links against it (nothing ever fetches it). */
export const REAL_PAGE_URLS: Record<string, string> = {
  '01-hdzfxxgk-home.html': 'http://hdzfxxgk.hd.gov.cn/',
  '03-hdzfxxgk-article.html': 'http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html',
  '04-hdzfxxgk-other.html': 'http://hdzfxxgk.hd.gov.cn/zfxxgkzn/',
  '05-shanxi-article.html': 'http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_834512.shtml',
  '07-govcn-article.html': 'https://www.gov.cn/gongbao/content/2007/content_750420.htm',
  '08-kepu-article.html': 'http://www.kepu.gov.cn/politics/2023-12/01/content_1755244.html',
  '11-pingtan-list.html': 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/',
  '12-pingtan-article.html': 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/202503/t20250321_97999.htm',
};
