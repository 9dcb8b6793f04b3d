// Small helpers on tags and attributes: evidence snippets and the container-role guesses (nav,
// breadcrumb, footer, list) that real government templates express through ids and class names.

export const MARKUP_MAX = 200;

/** The opening tag rebuilt from the parsed attributes, bounded (evidence for findings). */
export function openingTag(name: string, attribs: Record<string, string>): string {
  let s = '<' + name;
  const keys = Object.keys(attribs);
  for (let i = 0; i < keys.length; i++) {
    if (s.length >= MARKUP_MAX) break;
    const k = keys[i];
    const v = attribs[k];
    if (v === '') s += ' ' + k;
    else if (v.length > 120) s += ' ' + k + '="' + v.slice(0, 120) + '…"';
    else s += ' ' + k + '="' + (v.includes('"') ? v.replace(/"/g, '&quot;') : v) + '"';
  }
  s += '>';
  return s.length > MARKUP_MAX ? s.slice(0, MARKUP_MAX - 1) + '…' : s;
}

/** Whitespace runs made one space, ends trimmed. Most strings need neither: they skip the regex pass. */
export function collapse(s: string): string {
  return spaceShape(s) === SPACED ? s.trimEnd() : s.replace(/\s+/g, ' ').trim();
}

/** Whether a UTF-16 code unit is JavaScript whitespace (what \s matches and trim() strips). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** spaceShape: nothing but whitespace (or nothing). */
export const BLANK = 0;
/** spaceShape: text whose whitespace is single spaces, none leading (replace(/\s+/g, ' ') would keep it as it is, trimStart() too). */
export const SPACED = 1;
/** spaceShape: text with whitespace to fold (a run, a tab or newline, a leading space…). */
export const UNEVEN = 2;

/** How a text's whitespace looks, in one pass over it (instead of a test, a replace and a trim). */
export function spaceShape(s: string): typeof BLANK | typeof SPACED | typeof UNEVEN {
  let text = false;
  let uneven = false;
  let prevSpace = true; // a space at the start counts as a run
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // ASCII letters and CJK (above U+3000 only U+FEFF is whitespace) decided without the full test.
    if ((c > 32 && c < 0xa0) || (c > 0x3000 && c !== 0xfeff) || !isSpaceCode(c)) {
      text = true;
      prevSpace = false;
    } else {
      if (c !== 32 || prevSpace) uneven = true;
      prevSpace = true;
    }
  }
  return !text ? BLANK : uneven ? UNEVEN : SPACED;
}

export function bounded(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

const NAV_RE = /nav|menu|daohang|(?:^|[\s_-])dh(?:[\s_\d-]|$)|lanmu/i;
const BREADCRUMB_RE = /breadcrumb|crumb|(?:^|[\s_-])(?:path|location|position|weizhi|dqwz|mbx|wz)(?:[\s_\d-]|$)/i;
const FOOTER_RE = /foot|bottom|copyright|(?:^|[\s_-])(?:bq|banquan|db)(?:[\s_\d-]|$)/i;
const LIST_RE = /list|(?:^|[\s_-])(?:lb|news|xwlb|wjlb|con_list|data|items?)(?:[\s_\d-]|$)/i;

export type Role = 'nav' | 'breadcrumb' | 'footer' | 'list' | undefined;

/** The role a container plays, from its tag name, id and class. */
export function containerRole(tag: string, id: string, cls: string): Role {
  if (tag === 'nav') return 'nav';
  if (tag === 'footer') return 'footer';
  const key = id + ' ' + cls;
  if (key.length < 2) return tag === 'header' ? 'nav' : undefined;
  if (BREADCRUMB_RE.test(key)) return 'breadcrumb';
  if (FOOTER_RE.test(key)) return 'footer';
  if (NAV_RE.test(key) || tag === 'header') return 'nav';
  if (LIST_RE.test(key)) return 'list';
  return undefined;
}

/** Text that introduces a breadcrumb (当前位置：…). */
export const BREADCRUMB_LABEL = /(?:当前|您的|你的|所在|您现在的|您当前的)?位置\s*[：:]?/;

/** Splits breadcrumb text on its separators and drops labels. */
export function breadcrumbParts(text: string): string[] {
  return text
    .replace(/(?:当前|您的|你的|所在|您现在的|您当前的)?位置\s*[：:]?/g, ' ')
    .split(/[>＞»›→/|]+|&gt;/)
    .map((p) => collapse(p))
    .filter((p) => p.length > 0 && p.length <= 60);
}

const ARTICLE_URL = /\/t\d{8}_\d+|\/content_\d+|\/art_\d+|\/art\/\d{4}\/|\/\d{4}-\d{2}\/\d{2}\/content|\/c\d+\/content\.s?html|\/info\/\d+\/\d+\.htm|\/detail[_/-]?\d+|\/\d{6,8}\/[a-z0-9]{16,}\.s?html?/i;

export function looksLikeArticleUrl(url: string): boolean {
  return ARTICLE_URL.test(url);
}

/** Elements whose boundaries separate words in the rendered text. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'option', 'select', 'img', 'input', 'button', 'iframe', 'textarea',
]);
