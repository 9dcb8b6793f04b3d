import { describe, expect, it } from 'vitest';
import {
  classifyColumn, createScope, daysBetween, hostKey, isValidYmd, mentionsColumnType, pageColumnName, pageColumnType,
  shanghaiDate, shanghaiTime, siteMatcher,
} from '../../src/domain/index.js';

describe('site scope (one copy for crawl, checks and browser)', () => {
  const scope = createScope('http://www.linjiang.gov.cn/', ['xxgk.linjiang.gov.cn']);
  const isSite = siteMatcher('http://www.linjiang.gov.cn/', ['xxgk.linjiang.gov.cn']);

  it('holds the start host, its www twin and configured subsites, whatever the case, port or trailing dot', () => {
    for (const h of ['www.linjiang.gov.cn', 'linjiang.gov.cn', 'LINJIANG.gov.cn', 'linjiang.gov.cn.', 'xxgk.linjiang.gov.cn']) {
      expect(scope.hasHost(h), h).toBe(true);
      expect(isSite(h), h).toBe(true);
    }
    expect(scope.inScope('https://linjiang.gov.cn:8443/a.html')).toBe(true);
  });

  it('treats an unrelated sub-domain of the same parent as off-site', () => {
    for (const h of ['casino.linjiang.gov.cn', 'evil.www.linjiang.gov.cn', 'gov.cn', 'linjiang.gov.cn.evil.com']) {
      expect(scope.hasHost(h), h).toBe(false);
      expect(isSite(h), h).toBe(false);
    }
    expect(scope.inScope('http://casino.linjiang.gov.cn/')).toBe(false);
  });

  it('judges a relative link (empty host) as the page’s own site, an unparsable URL as out of scope', () => {
    expect(isSite('')).toBe(true);
    expect(scope.inScope('http://')).toBe(false);
  });

  it('adds a host the home page redirected to', () => {
    const s = createScope('http://a.gov.cn/');
    expect(s.hasHost('b.gov.cn')).toBe(false);
    s.addHost('https://b.gov.cn:8080/');
    expect(s.hasHost('www.b.gov.cn')).toBe(true);
    expect(hostKey('WWW.B.gov.cn.')).toBe('b.gov.cn');
  });
});

describe('Asia/Shanghai dates', () => {
  it('an instant after 16:00 UTC is already the next day in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('formats an instant as Beijing time and passes junk through', () => {
    expect(shanghaiTime('2026-11-27T11:30:48.123Z')).toBe('2026-11-27 19:30:48');
    expect(shanghaiTime('not a date')).toBe('not a date');
  });

  it('counts calendar days and rejects rolled-over dates', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(daysBetween('2024-02-31', '2024-03-01')).toBeUndefined();
    expect(isValidYmd('2023-02-29')).toBe(false);
    expect(isValidYmd('2024-02-29')).toBe(true);
    expect(isValidYmd(undefined)).toBe(false);
  });
});

describe('column taxonomy (one copy for the column model and the page checks)', () => {
  it.each([
    ['政策文件解读', 'interpretation'],
    ['文件征求意见', 'consultation'],
    ['政策文件', 'policy'],
    ['规范性 文件', 'policy'],
    ['通知公告', 'notice'],
    ['工作动态', 'news'],
    ['领导信箱', 'interaction'],
    ['机构概况', 'other'],
  ])('%s → %s', (name, type) => expect(classifyColumn(name)).toBe(type));

  it('knows a name mentions consultation even when another type wins', () => {
    expect(classifyColumn('意见征集解读')).toBe('interpretation');
    expect(mentionsColumnType('意见征集解读', 'consultation')).toBe(true);
    expect(mentionsColumnType('工作动态', 'consultation')).toBe(false);
  });

  it('takes a page’s column from ColumnName, else the breadcrumb tail that is not a detail marker', () => {
    expect(pageColumnName({ columnName: '政策文件', breadcrumb: ['首页', '通知公告'] })).toBe('政策文件');
    expect(pageColumnName({ breadcrumb: ['首页', '政务公开', '政策解读', '正文'] })).toBe('政策解读');
    expect(pageColumnType({ breadcrumb: ['首页', '政务公开', '政策解读', '正文'] })).toBe('interpretation');
    expect(pageColumnName({ breadcrumb: ['首页'] })).toBe('');
  });
});
