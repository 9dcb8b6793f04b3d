// The footer identifiers every government page must show (网站标识码, ICP备案号, 公安备案号), found in
// visible text. Text arrives node by node, so a short tail of the previous text is kept to catch a
// label and its number split across elements.
import { TAIL, type RecentText } from './recent.js';

const SITE_ID = /(?:政府)?网站标识码\s*[：:]?\s*([0-9]{10}|bm[0-9]{8})(?![0-9])/i;
const ICP = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP备\s*\d+号(?:-\d+)?/;
const POLICE_GONGWANG = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?公网安备\s*\d+号/;
const POLICE_BEIAN = /公安(?:机关)?备案号?\s*[：:]?\s*\d[\d-]*\d/;

export class TextIdentifierScanner {
  siteIdCode?: string;
  icp?: string;
  police?: string;

  get done(): boolean {
    return this.siteIdCode !== undefined && this.icp !== undefined && this.police !== undefined;
  }

  /** Looks at the newest visible text node of `recent` (whitespace already collapsed) and the tail before it. */
  push(recent: RecentText): void {
    if (this.siteIdCode !== undefined && this.icp !== undefined && this.police !== undefined) return;
    // Every word below holds 码 or 备: most text nodes (and the tail before them) hold neither.
    if (!recent.newestHasWord && !recent.beforeHadWord) return;
    // The words looked for are short: any occurrence lies in the text or in tail + the text's head.
    const oldTail = recent.before();
    const text = recent.newest();
    const head = text.length > TAIL ? oldTail + text.slice(0, TAIL) : oldTail + text;
    const has = (w: string) => head.includes(w) || text.includes(w);
    if (!(has('标识码') || has('ICP备') || has('公网安备') || has('备案'))) return;
    const window = oldTail + text;
    // Cheap guards before any regex: most text nodes carry none of these words.
    if (this.siteIdCode === undefined && window.includes('标识码')) {
      const m = SITE_ID.exec(window);
      if (m) this.siteIdCode = m[1].toLowerCase();
    }
    if (this.icp === undefined && window.includes('ICP备')) {
      const m = ICP.exec(window);
      if (m) this.icp = m[0].replace(/\s+/g, '');
    }
    if (this.police === undefined && (window.includes('公网安备') || window.includes('备案'))) {
      const m = POLICE_GONGWANG.exec(window) ?? POLICE_BEIAN.exec(window);
      if (m) this.police = m[0].trim();
    }
  }
}
