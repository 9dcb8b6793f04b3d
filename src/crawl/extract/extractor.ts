// The streaming page-fact extractor: htmlparser2 events in, PageFacts out. One pass, no DOM; every
// per-element step is O(1) apart from CSS rule matching, which is indexed and depth-capped.
import { Parser } from 'htmlparser2';
import { shanghaiDate, type HiddenBlock, type LinkFact, type LinkPlace, type LinkTag, type PageFacts, type ScriptFact } from '../../domain/index.js';
import { StyleSheet, hiddenReason, parseDeclarations, type ElementKey, type StyleProps } from './css.js';
import { findDates, labelledDate, normaliseDateValue, shortListDate, standaloneDateTime } from './dates.js';
import { TextIdentifierScanner } from './identifiers.js';
import { RecentText } from './recent.js';
import { UrlResolver, type LinkUrl } from './resolve.js';
import { BREADCRUMB_LABEL, breadcrumbParts, BLANK, BLOCK_TAGS, SPACED, bounded, collapse, containerRole, looksLikeArticleUrl, openingTag, spaceShape, type Role } from './markup.js';
import {
  isConacLink, isConacScriptSrc, isJiucuoLink, isJiucuoScript, isPaginationText, isPaginationUrl, isSearchAction,
  isSearchInput, isSearchUrl, isSearchUrlParsed, isSearchWord,
} from './signals.js';

export const LIMITS = {
  links: 5000,
  scripts: 50,
  inlineScript: 8 * 1024,
  linkText: 200,
  hiddenBlocks: 200,
  hiddenText: 500,
  depth: 256,
  itemText: 400,
  pendingText: 64 * 1024,
  css: 200_000,
  metaValue: 1000,
  metas: 200,
  title: 500,
  href: 4096,
  pagination: 100,
  breadcrumb: 20,
};

/**
 * One open element. A class with every field set in init keeps one object shape (fast property access);
 * the near* fields carry the nearest item / hidden block / anchor / form at or above this frame, so text
 * and tag handlers find them without walking the stack. The extractor keeps one Frame per depth and sets it
 * up again for each element opened there: frames were a fifth of the parse worker's allocation.
 */
class Frame implements ElementKey {
  tag = '';
  id = ''; // lower-cased
  cls = ''; // lower-cased class attribute
  index = 0; // position in the stack
  inHead = false;
  skipText = false; // script, style, title, template…
  hidden: string | undefined = undefined;
  color: string | undefined = undefined;
  background: string | undefined = undefined;
  nav = false;
  breadcrumb = false;
  footer = false;
  list = false;
  /** Inside a nested block of the breadcrumb container (page tools, not crumbs). */
  breadcrumbSkip = false;
  block: HiddenBlockAcc | undefined = undefined; // set on the element that starts a hidden region
  item: ItemCtx | undefined = undefined;
  anchor: AnchorCtx | undefined = undefined;
  isBreadcrumbOwner = false;
  form: FormCtx | undefined = undefined;
  nearBlock: HiddenBlockAcc | undefined = undefined;
  nearItem: ItemCtx | undefined = undefined;
  nearAnchor: AnchorCtx | undefined = undefined;
  anchorAt = -1; // stack index of the frame holding nearAnchor
  nearForm: FormCtx | undefined = undefined;
  formAt = -1;
  /** Set on the outermost list container: what the page held when it opened (an empty column has nothing more when it closes). */
  listStart: { links: number; text: number; markup: string } | undefined = undefined;
  private classList: string[] | undefined = undefined;

  /** This frame as the element `tag` just opened at stack position `index`, below `parent`. */
  init(tag: string, id: string, cls: string, index: number, parent: Frame | undefined): this {
    this.tag = tag;
    this.id = id;
    this.cls = cls;
    this.index = index;
    this.block = undefined;
    this.item = undefined;
    this.anchor = undefined;
    this.isBreadcrumbOwner = false;
    this.form = undefined;
    this.listStart = undefined;
    this.classList = undefined;
    if (parent) {
      this.inHead = tag === 'head' || parent.inHead;
      this.skipText = parent.skipText;
      this.hidden = parent.hidden;
      this.color = parent.color;
      this.background = parent.background;
      this.nav = parent.nav;
      this.breadcrumb = parent.breadcrumb;
      this.footer = parent.footer;
      this.list = parent.list;
      this.breadcrumbSkip = parent.breadcrumbSkip;
      this.nearBlock = parent.nearBlock;
      this.nearItem = parent.nearItem;
      this.nearAnchor = parent.nearAnchor;
      this.anchorAt = parent.anchorAt;
      this.nearForm = parent.nearForm;
      this.formAt = parent.formAt;
    } else {
      this.inHead = tag === 'head';
      this.skipText = false;
      this.hidden = undefined;
      this.color = undefined;
      this.background = undefined;
      this.nav = false;
      this.breadcrumb = false;
      this.footer = false;
      this.list = false;
      this.breadcrumbSkip = false;
      this.nearBlock = undefined;
      this.nearItem = undefined;
      this.nearAnchor = undefined;
      this.anchorAt = -1;
      this.nearForm = undefined;
      this.formAt = -1;
    }
    return this;
  }

  /** Class names, split only when a stylesheet rule needs them. */
  get classes(): string[] {
    return (this.classList ??= this.cls ? this.cls.split(/\s+/).filter(Boolean).slice(0, 10) : []);
  }
}

interface HiddenBlockAcc {
  reason: string;
  text: string;
  markup: string;
  linkCount: number;
}

interface ItemCtx {
  outside: string;
  inside: string;
  links: number[];
  hadStandalone: boolean;
}

interface AnchorCtx {
  linkIndex: number; // -1 when the anchor produced no link (javascript:, cap reached)
  text: string;
  altText: string;
  title: string;
  url?: string;
  /** The link's URL, parsed once by addLink: pagination and search checks read its parts. */
  parsed?: LinkUrl;
}

interface FormCtx {
  action?: string;
  search: boolean;
}

export interface ExtractorOptions {
  url: string;
  finalUrl: string;
  isHome: boolean;
  maxTextChars: number;
  /** Called when a <meta> declares a charset (the decoder may still be undecided). */
  onMetaCharset?: (charset: string) => void;
  now?: Date;
}

const SKIP_URL = /^(?:javascript|data|about|blob|vbscript|mailto|tel|sms):/i;
/** srcset candidates read per element; real ones list 2–6 widths. */
const MAX_SRCSET = 8;

/** URLs of a srcset attribute ("a.jpg 1x, b.jpg 2x", "s.jpg 480w,l.jpg 1080w"), per the HTML candidate syntax:
 *  a URL runs to whitespace (trailing commas are separators), descriptors run to the next comma. */
export function srcsetUrls(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = value.length;
  while (i < n && out.length < MAX_SRCSET) {
    while (i < n && (value[i] === ',' || value[i] === ' ' || value[i] === '\t' || value[i] === '\n' || value[i] === '\r' || value[i] === '\f')) i++;
    const start = i;
    while (i < n && !/\s/.test(value[i])) i++;
    let url = value.slice(start, i);
    let commaEnded = false;
    while (url.endsWith(',')) {
      url = url.slice(0, -1);
      commaEnded = true;
    }
    if (url) out.push(url);
    if (commaEnded) continue;
    // Skip descriptors (and any parenthesised part) up to the next comma.
    let depth = 0;
    while (i < n && (value[i] !== ',' || depth > 0)) {
      if (value[i] === '(') depth++;
      else if (value[i] === ')' && depth > 0) depth--;
      i++;
    }
  }
  return out;
}
const INLINE = new Set(['span', 'strong', 'b', 'i', 'em', 'label', 'font', 'a', 'small', 'u']);
const ITEM_TAGS = ['li', 'tr', 'dd'];
const SKIP_TEXT_TAGS = ['script', 'style', 'title', 'template', 'noframes', 'xmp', 'iframe', 'object'];
/** What a tag name is, as bits: one lookup per open and close tag instead of one per question. */
const BLOCK = 1;
const ITEM = 2;
const SKIP_TEXT = 4;
const TAG_BITS = new Map<string, number>();
for (const t of BLOCK_TAGS) TAG_BITS.set(t, BLOCK);
for (const t of ITEM_TAGS) TAG_BITS.set(t, (TAG_BITS.get(t) ?? 0) | ITEM);
for (const t of SKIP_TEXT_TAGS) TAG_BITS.set(t, (TAG_BITS.get(t) ?? 0) | SKIP_TEXT);
const SPACE_RUN = /\s+/g;
const COLUMN_TAIL_EXCLUDE = /^(?:正文|详情|内容|文章|详细信息|详细内容|信息详情|正文内容|首页|主页)$/;

const PUBDATE_METAS = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'releasedate', 'publishtime'];

/** A path's directory part, up to and including its last slash. */
function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

export type ExtractedCore = Omit<
  PageFacts,
  'url' | 'finalUrl' | 'depth' | 'status' | 'outcome' | 'ms' | 'contentType' | 'charset' | 'charsetSource' | 'bytes'
>;

export class HtmlFactExtractor {
  private parser: Parser;
  private stack: Frame[] = [];
  /** One frame per depth, reused by every element opened at that depth. */
  private frames: Frame[] = [];
  private overflow = 0;
  private sheet = new StyleSheet();
  private base: URL | undefined;
  private pageUrl: URL | undefined;
  private resolver: UrlResolver;
  /** The extraction's "now"; its Shanghai date is worked out only for a page with [MM-DD] list dates. */
  private nowMs: number;
  private todayDate: string | undefined;
  private get today(): string {
    return (this.todayDate ??= shanghaiDate(new Date(this.nowMs)));
  }

  private textParts: string[] = [];
  private textLen = 0;
  private textTruncated = false;
  private pendingSpace = false;
  private recent = new RecentText(); // last visible text, for labels split across elements
  private recentBefore = () => this.recent.before();
  private pending = '';

  private title: string | undefined;
  private titleBuf = '';
  /** The first non-empty visible <h1>: the page's own headline (seo-spam compares the title with it). */
  private headline: string | undefined;
  /** Opening tag of the first visible list container that closed with no link and no text in it. */
  private emptyList: string | undefined;
  private h1Buf = '';
  private h1At = -1;
  private meta: Record<string, string> = {};
  private metaCount = 0;
  private links: LinkFact[] = [];
  private linksDropped = 0;
  private scripts: ScriptFact[] = [];
  private scriptsDropped = 0;
  private currentScript: ScriptFact | undefined;
  private cssBuf = '';
  private hiddenBlocks: HiddenBlock[] = [];
  private ids = new TextIdentifierScanner();
  private scriptSiteCode: string | undefined;
  private conacLink = false;
  private conacScript = false;
  private jiucuoLink = false;
  private jiucuoScript = false;
  private jiucuoPlaceholder = false;
  private search: { form: boolean; action?: string } = { form: false };
  private pagination = new Set<string>();
  private breadcrumb: string[] = [];
  private breadcrumbDone = false;
  private breadcrumbActive = false;
  private listDates: string[] = [];
  private strongDate: string | undefined;
  private weakDate: string | undefined;
  private standalone: string | undefined;
  private notes: string[] = [];

  constructor(private opts: ExtractorOptions) {
    this.nowMs = opts.now ? opts.now.getTime() : Date.now();
    try {
      this.pageUrl = new URL(opts.finalUrl || opts.url);
    } catch {
      this.pageUrl = undefined;
    }
    this.resolver = new UrlResolver(this.pageUrl);
    this.parser = new Parser(
      {
        onopentag: (name, attribs) => this.open(name, attribs),
        onclosetag: (name) => this.close(name),
        ontext: (t) => {
          if (this.pending.length < LIMITS.pendingText) this.pending += t;
        },
        oncomment: () => this.flushText(),
        onprocessinginstruction: () => this.flushText(),
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
    );
  }

  write(chunk: string): void {
    if (chunk) this.parser.write(chunk);
  }

  end(): ExtractedCore {
    this.parser.end();
    this.flushText();
    while (this.stack.length) this.popFrame();
    return this.result();
  }

  // ---- frames -------------------------------------------------------------------------------------

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(name: string, attribs: Record<string, string>): void {
    if (this.pending) this.flushText();
    const parent = this.top();
    const bits = TAG_BITS.get(name) ?? 0;
    if (bits & BLOCK) this.pendingSpace = true;
    const id = attribs.id === undefined ? '' : attribs.id.toLowerCase();
    this.handleTag(name, id, attribs, parent);
    const anchor = this.anchorForNextFrame;
    this.anchorForNextFrame = undefined;
    if (this.stack.length >= LIMITS.depth) {
      if (this.overflow === 0) this.notes.push(`元素嵌套超过 ${LIMITS.depth} 层，更深的结构不再跟踪`);
      this.overflow++;
      return;
    }
    const frame = this.pushFrame(name, bits, id, attribs, parent);
    if (anchor) {
      frame.anchor = anchor;
      frame.nearAnchor = anchor;
      frame.anchorAt = frame.index;
    }
  }

  private close(name: string): void {
    if (this.pending) this.flushText();
    if ((TAG_BITS.get(name) ?? 0) & BLOCK) this.pendingSpace = true;
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    // htmlparser2 balances its events; pop by name defensively anyway.
    for (let i = this.stack.length - 1; i >= 0 && i >= this.stack.length - 8; i--) {
      if (this.stack[i].tag === name) {
        while (this.stack.length > i) this.popFrame();
        return;
      }
    }
  }

  private pushFrame(name: string, bits: number, id: string, attribs: Record<string, string>, parent: Frame | undefined): Frame {
    const cls = attribs.class === undefined ? '' : attribs.class.toLowerCase();
    const depth = this.stack.length;
    // The frame last used at this depth was popped (a stack only grows and shrinks at its end): set it up anew.
    const frame = (this.frames[depth] ??= new Frame()).init(name, id, cls, depth, parent);
    if (bits & SKIP_TEXT) frame.skipText = true;
    if (!frame.inHead && name !== 'html' && name !== 'body') {
      const role = id || cls || name === 'nav' || name === 'footer' || name === 'header' ? this.roleOf(name, id, cls) : undefined;
      if (role === 'nav') frame.nav = true;
      else if (role === 'footer') frame.footer = true;
      else if (role === 'list') frame.list = true;
      else if (role === 'breadcrumb') frame.breadcrumb = true;
      if (frame.breadcrumb && !parent?.breadcrumb) this.startBreadcrumb(frame);
      else if (frame.breadcrumb && (name === 'div' || name === 'p' || name === 'table' || name === 'form')) frame.breadcrumbSkip = true;
    }
    this.applyVisibility(frame, name, attribs);
    if (frame.list && !parent?.list && this.emptyList === undefined && !frame.hidden) {
      frame.listStart = { links: this.links.length, text: this.textLen, markup: openingTag(name, attribs) };
    }
    if (name === 'h1' && this.headline === undefined && this.h1At < 0 && !frame.hidden) {
      this.h1At = frame.index;
      this.h1Buf = '';
    }
    if (frame.block) frame.nearBlock = frame.block;
    if (bits & ITEM) frame.item = frame.nearItem = { outside: '', inside: '', links: [], hadStandalone: false };
    if (name === 'form') {
      frame.form = frame.nearForm = { action: attribs.action, search: isSearchAction(attribs.action ?? '') };
      frame.formAt = frame.index;
    }
    this.stack.push(frame);
    return frame;
  }

  private popFrame(): void {
    const f = this.stack.pop();
    if (!f) return;
    if (f.anchor) this.finishAnchor(f.anchor, f);
    if (f.item) this.finishItem(f.item);
    if (f.block && (f.block.text.trim() || f.block.linkCount) && this.hiddenBlocks.length < LIMITS.hiddenBlocks) {
      this.hiddenBlocks.push({ reason: f.block.reason, text: f.block.text.trim(), markup: f.block.markup, linkCount: f.block.linkCount });
    }
    if (f.isBreadcrumbOwner) {
      this.breadcrumbActive = false;
      if (this.breadcrumb.length > 0) this.breadcrumbDone = true;
    }
    if (f.form && f.form.search) this.noteSearch(3, f.form.action ? this.resolve(f.form.action) ?? f.form.action : undefined);
    if (f.tag === 'title' && this.title === undefined) this.title = bounded(collapse(this.titleBuf), LIMITS.title);
    if (f.listStart && this.emptyList === undefined && this.links.length === f.listStart.links && this.textLen - f.listStart.text <= 1) {
      this.emptyList = f.listStart.markup;
    }
    if (f.index === this.h1At) {
      const h = collapse(this.h1Buf).trim();
      if (h) this.headline = bounded(h, LIMITS.title); // a logo-only <h1> leaves room for a later one
      this.h1At = -1;
    }
    if (f.tag === 'style') {
      this.sheet.addCss(this.cssBuf);
      this.cssBuf = '';
    }
    if (f.tag === 'script') this.currentScript = undefined;
  }

  /** containerRole, remembered per page: templates repeat the same id/class on many elements. */
  private roleOf(name: string, id: string, cls: string): Role {
    // Most containers have a class and no id; apart from nav, footer and header their role is the class's.
    if (id === '' && name !== 'nav' && name !== 'footer' && name !== 'header') {
      let role = this.classRoles.get(cls);
      if (role === undefined && !this.classRoles.has(cls)) {
        role = containerRole(name, id, cls);
        if (this.classRoles.size < 2000) this.classRoles.set(cls, role);
      }
      return role;
    }
    const key = name + '\u0000' + id + '\u0000' + cls;
    let role = this.roles.get(key);
    if (role === undefined && !this.roles.has(key)) {
      role = containerRole(name, id, cls);
      if (this.roles.size < 2000) this.roles.set(key, role);
    }
    return role;
  }
  private roles = new Map<string, Role>();
  private classRoles = new Map<string, Role>();

  private startBreadcrumb(frame: Frame): void {
    if (this.breadcrumbDone || this.breadcrumbActive) return;
    frame.isBreadcrumbOwner = true;
    this.breadcrumbActive = true;
    this.breadcrumb = [];
  }

  private applyVisibility(frame: Frame, name: string, attribs: Record<string, string>): void {
    let props: StyleProps | undefined = this.sheet.size ? this.sheet.match(frame, this.stack) : undefined;
    if (attribs.style) {
      const inline = parseDeclarations(attribs.style);
      props = props ? Object.assign({}, props, inline) : inline;
    }
    let reason: string | undefined;
    if ('hidden' in attribs && name !== 'input') reason = 'hidden-attribute';
    if (props) {
      reason ??= hiddenReason(props);
      if (props.color) frame.color = props.color;
      if (props.background) frame.background = props.background;
      if (!reason && (props.color || props.background) && frame.color && frame.color === frame.background) reason = 'same-colour';
    }
    if (!reason && name === 'marquee') {
      const h = Number.parseFloat(attribs.height ?? props?.height ?? '');
      const w = Number.parseFloat(attribs.width ?? props?.width ?? '');
      const amount = Number.parseFloat(attribs.scrollamount ?? '');
      if ((Number.isFinite(h) && h <= 10) || (Number.isFinite(w) && w <= 10) || (Number.isFinite(amount) && amount >= 500)) reason = 'tiny-marquee';
    }
    if (reason && !frame.hidden) {
      frame.hidden = reason;
      frame.block = { reason, text: '', markup: openingTag(name, attribs), linkCount: 0 };
    }
  }

  private hiddenBlockOf(): HiddenBlockAcc | undefined {
    return this.top()?.nearBlock;
  }

  private nearestItem(): ItemCtx | undefined {
    return this.top()?.nearItem;
  }

  /** The nearest anchor among the 12 innermost open elements. */
  private nearestAnchor(): AnchorCtx | undefined {
    const f = this.top();
    return f !== undefined && f.anchorAt >= this.stack.length - 12 ? f.nearAnchor : undefined;
  }

  // ---- tags ---------------------------------------------------------------------------------------

  private handleTag(name: string, id: string, attribs: Record<string, string>, parent: Frame | undefined): void {
    if (id === '_ideconac') this.conacScript = true;
    if (id === '_span_jiucuo') this.jiucuoPlaceholder = true;
    switch (name) {
      case 'a':
      case 'area':
        if (attribs.href !== undefined) this.onAnchor(name, attribs, parent);
        break;
      case 'img':
        this.onImage(attribs, parent);
        break;
      case 'video':
        // The poster frame is an image the visitor sees before playing: broken, it is a broken image.
        if (attribs.poster !== undefined) this.addLink('img', attribs.poster, attribs.title ?? '', attribs, parent, 'video');
        break;
      case 'script':
        this.onScript(id, attribs, parent);
        break;
      case 'link':
        this.onLinkElement(attribs, parent);
        break;
      case 'iframe':
      case 'frame':
      case 'embed':
      case 'source':
        if (attribs.src !== undefined) this.addLink(name, attribs.src, attribs.title ?? '', attribs, parent);
        if (name === 'source' && attribs.srcset !== undefined) this.addSrcset('source', attribs, attribs.title ?? '', parent);
        break;
      case 'base':
        if (!this.base && attribs.href) this.onBase(attribs.href);
        break;
      case 'meta':
        this.handleMeta(attribs, parent);
        break;
      case 'input':
      case 'textarea':
        if (isSearchInput(attribs)) {
          const form = this.nearestForm();
          if (form) form.search = true;
          else this.noteSearch(2, undefined);
        }
        break;
      case 'button': {
        const form = this.nearestForm();
        if (form && isSearchWord((attribs.value ?? '') + (attribs.title ?? '') + (attribs.alt ?? ''))) form.search = true;
        break;
      }
    }
  }

  /** <a href> opens an anchor (its text arrives later); <area href> takes its alt or title now. */
  private onAnchor(name: 'a' | 'area', attribs: Record<string, string>, parent: Frame | undefined): void {
    const idx = this.addLink(name, attribs.href, '', attribs, parent);
    if (name === 'a') {
      this.anchorForNextFrame = {
        linkIndex: idx, text: '', altText: '', title: attribs.title ?? '',
        url: idx >= 0 ? this.links[idx].url : undefined, parsed: idx >= 0 ? this.lastParsed : undefined,
      };
    } else if (idx >= 0) this.links[idx].text = bounded(collapse(attribs.alt ?? attribs.title ?? ''), LIMITS.linkText);
  }

  /** An image: its src and srcset candidates are links; its alt names the anchor around it; conac/找错 logos. */
  private onImage(attribs: Record<string, string>, parent: Frame | undefined): void {
    const alt = attribs.alt ?? attribs.title ?? '';
    const anchor = this.nearestAnchor();
    if (anchor && !anchor.altText) anchor.altText = alt;
    if (attribs.src !== undefined) {
      const idx = this.addLink('img', attribs.src, alt, attribs, parent);
      const url = idx >= 0 ? this.links[idx].url : attribs.src;
      if (!this.conacLink && isConacLink(url, alt)) this.conacLink = true;
      if (!this.jiucuoLink && isJiucuoLink('', alt)) this.jiucuoLink = true;
    }
    if (attribs.srcset !== undefined) this.addSrcset('img', attribs, alt, parent);
  }

  /** A script: external src is a link and a ScriptFact; inline code is collected as text arrives. */
  private onScript(id: string, attribs: Record<string, string>, parent: Frame | undefined): void {
    const src = attribs.src;
    if (isJiucuoScript(id, src ?? '')) this.jiucuoScript = true;
    if (id === '_jiucuo_' && attribs.sitecode && !this.scriptSiteCode) this.scriptSiteCode = attribs.sitecode.trim();
    let abs: string | undefined;
    if (src) {
      if (isConacScriptSrc(src)) this.conacScript = true;
      const idx = this.addLink('script', src, '', attribs, parent);
      abs = idx >= 0 ? this.links[idx].url : this.resolve(src);
    }
    if (this.scripts.length >= LIMITS.scripts) {
      this.scriptsDropped++;
      this.currentScript = undefined;
      return;
    }
    const s: ScriptFact = { markup: openingTag('script', attribs) };
    if (abs) s.src = abs;
    this.scripts.push(s);
    this.currentScript = src ? undefined : s;
  }

  /** <link>: stylesheets and icons are links; rel=search is evidence of site search. */
  private onLinkElement(attribs: Record<string, string>, parent: Frame | undefined): void {
    const rel = (attribs.rel ?? '').toLowerCase();
    if (attribs.href !== undefined && (rel.includes('stylesheet') || rel.includes('icon'))) this.addLink('link', attribs.href, '', attribs, parent);
    if (rel.includes('search') && attribs.href) this.noteSearch(1, this.resolve(attribs.href));
  }

  /** The first <base href> resolves every later link. */
  private onBase(href: string): void {
    try {
      this.base = new URL(href.trim(), this.opts.finalUrl || this.opts.url);
      this.resolver = new UrlResolver(this.base);
    } catch {
      this.notes.push('base href 无法解析');
    }
  }

  /** Set by handleTag for an <a>; attached to the frame pushed right after. */
  private anchorForNextFrame: AnchorCtx | undefined;

  /** Keeps the strongest search evidence: a search form (3) > a search box (2) > a link to search (1). */
  private noteSearch(rank: number, action: string | undefined): void {
    if (rank <= this.searchRank) return;
    this.searchRank = rank;
    this.search = action ? { form: true, action } : { form: true };
  }
  private searchRank = 0;

  /** The nearest form among the 30 innermost open elements. */
  private nearestForm(): FormCtx | undefined {
    const f = this.top();
    return f !== undefined && f.formAt >= this.stack.length - 30 ? f.nearForm : undefined;
  }

  private handleMeta(attribs: Record<string, string>, parent: Frame | undefined): void {
    if (attribs.charset) this.opts.onMetaCharset?.(attribs.charset);
    const key = (attribs.name ?? attribs['http-equiv'] ?? attribs.property ?? attribs.itemprop ?? '').trim().toLowerCase();
    const content = attribs.content;
    if (!key || content === undefined) return;
    if (key === 'content-type') {
      const m = /charset\s*=\s*([^\s;"']+)/i.exec(content);
      if (m) this.opts.onMetaCharset?.(m[1]);
    }
    if (key === 'refresh') {
      const m = /url\s*=\s*['"]?([^'"]+)['"]?/i.exec(content);
      if (m) this.addLink('meta-refresh', m[1].trim(), '', attribs, parent);
    }
    if (!(key in this.meta) && this.metaCount < LIMITS.metas) {
      this.meta[key] = bounded(collapse(content), LIMITS.metaValue);
      this.metaCount++;
    }
  }

  private resolve(href: string): string | undefined {
    return this.resolver.resolve(href)?.href;
  }

  /** The parsed URL of the link addLink stored last. */
  private lastParsed: LinkUrl | undefined;

  /** Every candidate of a srcset (responsive images: each is a file the server must have), but not the src again. */
  private addSrcset(tag: LinkTag, attribs: Record<string, string>, text: string, parent: Frame | undefined): void {
    const src = attribs.src?.trim();
    for (const candidate of srcsetUrls(attribs.srcset)) if (candidate !== src) this.addLink(tag, candidate, text, attribs, parent);
  }

  /** @param markupTag the element as written, when the link's tag differs (a video's poster is an image link) */
  private addLink(tag: LinkTag, rawHref: string, text: string, attribs: Record<string, string>, parent: Frame | undefined, markupTag?: string): number {
    const href = rawHref.trim();
    if (!href || href.startsWith('#') || SKIP_URL.test(href)) return -1;
    if (href.length > LIMITS.href) {
      this.notes.push(`链接地址过长（${href.length} 字符），已忽略`);
      return -1;
    }
    const parsed = this.resolver.resolve(href);
    if (!parsed) return -1;
    const url = parsed.href;
    // Both marks are yes/no for the page: once seen, no later link needs looking at.
    if (tag === 'a' || tag === 'area') {
      if (!this.conacLink && isConacLink(url, attribs.title ?? '')) this.conacLink = true;
      if (!this.jiucuoLink && isJiucuoLink(url, attribs.title ?? '')) this.jiucuoLink = true;
    }
    const block = parent?.hidden ? this.hiddenBlockOf() : undefined;
    if (block && (tag === 'a' || tag === 'area')) block.linkCount++;
    if (this.links.length >= LIMITS.links) {
      this.linksDropped++;
      return -1;
    }
    const link: LinkFact = { url, href: bounded(href, 1000), tag, text: text ? bounded(collapse(text), LIMITS.linkText) : '', place: this.placeOf(tag, parent) };
    if (parent?.hidden) link.hidden = parent.hidden;
    link.markup = openingTag(markupTag ?? (tag === 'meta-refresh' ? 'meta' : tag), attribs);
    this.links.push(link);
    this.lastParsed = parsed;
    const idx = this.links.length - 1;
    if (tag === 'a') {
      const item = this.nearestItem();
      if (item) item.links.push(idx);
    }
    return idx;
  }

  private placeOf(tag: LinkTag, f: Frame | undefined): LinkPlace {
    if (tag === 'link' || tag === 'meta-refresh' || !f || f.inHead) return 'head';
    if (f.breadcrumb) return 'breadcrumb';
    if (f.footer) return 'footer';
    if (f.nav) return 'nav';
    if (f.list && this.nearestItem()) return 'list';
    return 'body';
  }

  // ---- text ---------------------------------------------------------------------------------------

  private flushText(): void {
    const raw = this.pending;
    if (!raw) return;
    this.pending = '';
    this.handleText(raw);
  }

  private handleText(raw: string): void {
    const f = this.top();
    if (f && this.rawText(f, raw)) return;
    if (f && (f.skipText || f.inHead)) return;
    // Whitespace between tags is most text nodes: it only marks a word break.
    const shape = spaceShape(raw);
    if (shape === BLANK) {
      this.pendingSpace = true;
      return;
    }
    const t = shape === SPACED ? raw : raw.replace(SPACE_RUN, ' ');
    const item = f?.nearItem;
    const anchor = this.nearestAnchor();
    this.linkAndItemText(t, anchor, item);
    if (f?.hidden) {
      const block = this.hiddenBlockOf();
      if (block && block.text.length < LIMITS.hiddenText) block.text = bounded(block.text + t, LIMITS.hiddenText);
      return;
    }
    const trimmed = t.trim();
    this.appendText(t, trimmed);
    if (this.h1At >= 0 && this.h1Buf.length < LIMITS.title * 2) this.h1Buf += t;
    if (trimmed.length <= 10 && isSearchWord(trimmed)) {
      const form = this.nearestForm();
      if (form) form.search = true;
    }
    this.recent.push(trimmed);
    this.ids.push(this.recent);
    this.dateText(trimmed, anchor, item);
    if (f) this.breadcrumbText(f, trimmed, anchor);
  }

  /** Text that is code or metadata, not page text: script (inline code, conac/jiucuo), style (CSS), title. */
  private rawText(f: Frame, raw: string): boolean {
    if (f.tag === 'script') {
      const s = this.currentScript;
      if (s) {
        const cur = s.inline ?? '';
        if (cur.length < LIMITS.inlineScript) s.inline = cur + raw.slice(0, LIMITS.inlineScript - cur.length);
      }
      if (raw.includes('conac')) this.conacScript = true;
      if (/jiucuo\.js/i.test(raw)) this.jiucuoScript = true;
      return true;
    }
    if (f.tag === 'style') {
      if (this.cssBuf.length < LIMITS.css) this.cssBuf += raw.slice(0, LIMITS.css - this.cssBuf.length);
      return true;
    }
    if (f.tag === 'title') {
      if (this.titleBuf.length < LIMITS.title * 2) this.titleBuf += raw;
      return true;
    }
    return false;
  }

  /** Anchor text and list-item text count even when hidden: tabbed lists hide all but one tab. */
  private linkAndItemText(t: string, anchor: AnchorCtx | undefined, item: ItemCtx | undefined): void {
    if (anchor && anchor.text.length < LIMITS.linkText) anchor.text += t;
    if (!item) return;
    if (anchor) {
      if (item.inside.length < LIMITS.itemText) item.inside += t;
    } else if (item.outside.length < LIMITS.itemText) item.outside += t;
  }

  /** 发布时间: a labelled date (strong or weak), or a standalone date-time outside the links. */
  private dateText(trimmed: string, anchor: AnchorCtx | undefined, item: ItemCtx | undefined): void {
    // A date is at least 8 characters (2019.1.1, 2019年1月1): shorter text holds none.
    if (!this.strongDate && trimmed.length >= 8) {
      const d = labelledDate(this.recentBefore, trimmed);
      if (d) {
        if (d.strength === 2) this.strongDate = d.date;
        else this.weakDate ??= d.date;
      }
    }
    if (!this.standalone) {
      const sd = standaloneDateTime(trimmed);
      if (sd && !anchor && !(item && item.links.length > 0)) {
        this.standalone = sd;
        if (item) item.hadStandalone = true;
      }
    }
  }

  /** Breadcrumb parts inside a breadcrumb container, or a 当前位置： label that makes its container one. */
  private breadcrumbText(f: Frame, trimmed: string, anchor: AnchorCtx | undefined): void {
    if (this.breadcrumbActive && !f.breadcrumbSkip && !anchor) {
      for (const p of breadcrumbParts(trimmed)) if (this.breadcrumb.length < LIMITS.breadcrumb) this.breadcrumb.push(p);
    } else if (!this.breadcrumbDone && !this.breadcrumbActive && trimmed.length <= 20 && trimmed.includes('位置') && BREADCRUMB_LABEL.test(trimmed)) {
      // 当前位置：… in a plain container: the container (or the inline label's parent) is the breadcrumb.
      const owner = INLINE.has(f.tag) && this.stack.length >= 2 ? this.stack[this.stack.length - 2] : f;
      if (owner.tag !== 'body' && owner.tag !== 'html') {
        owner.breadcrumb = true;
        this.startBreadcrumb(owner);
        const rest = trimmed.replace(BREADCRUMB_LABEL, '');
        if (f === owner) for (const p of breadcrumbParts(rest)) this.breadcrumb.push(p);
      }
    }
  }


  private appendText(t: string, trimmed: string): void {
    if (this.textTruncated) return;
    const needSpace = (this.pendingSpace || t.startsWith(' ')) && this.textLen > 0;
    const piece = (needSpace ? ' ' : '') + trimmed;
    const room = this.opts.maxTextChars - this.textLen;
    if (piece.length > room) {
      this.textParts.push(piece.slice(0, Math.max(0, room)));
      this.textLen += Math.max(0, room);
      this.textTruncated = true;
      this.notes.push(`正文超过 ${this.opts.maxTextChars} 字符，已截断`);
      return;
    }
    this.textParts.push(piece);
    this.textLen += piece.length;
    this.pendingSpace = t.endsWith(' ');
  }

  // ---- closing contexts ---------------------------------------------------------------------------

  private finishAnchor(a: AnchorCtx, f: Frame): void {
    if (a.linkIndex < 0) {
      if (!this.jiucuoLink && isJiucuoLink('', collapse(a.text) + a.altText + a.title)) this.jiucuoLink = true;
      return;
    }
    const link = this.links[a.linkIndex];
    let text = collapse(a.text);
    if (!text) text = collapse(a.altText || a.title);
    link.text = bounded(text, LIMITS.linkText);
    if (!this.jiucuoLink && isJiucuoLink(link.url, text + a.altText + a.title)) this.jiucuoLink = true;
    if (a.altText.includes('党政机关')) this.conacLink = true;
    if (this.breadcrumbActive && link.place === 'breadcrumb' && !f.breadcrumbSkip && text && this.breadcrumb.length < LIMITS.breadcrumb) this.breadcrumb.push(text);
    if (link.tag === 'a' && this.isPagination(link, a.parsed, text)) this.pagination.add(link.url);
    if (this.searchRank < 1 && (a.parsed ? isSearchUrlParsed(a.parsed) : isSearchUrl(link.url))) this.noteSearch(1, link.url);
  }

  private isPagination(link: LinkFact, parsed: LinkUrl | undefined, text: string): boolean {
    if (this.pagination.size >= LIMITS.pagination || !this.pageUrl) return false;
    let u: LinkUrl;
    try {
      u = parsed ?? new URL(link.url);
    } catch {
      return false;
    }
    const page = (this.pageParts ??= { host: this.pageUrl.host, href: this.pageUrl.href, dir: dirOf(this.pageUrl.pathname) });
    if (u.host !== page.host || u.href === page.href) return false;
    const path = u.pathname;
    const sameDir = path.lastIndexOf('/') + 1 === page.dir.length && path.startsWith(page.dir);
    if (!sameDir) return false;
    return isPaginationText(text) || isPaginationUrl(path + u.search);
  }

  /** The page URL's parts isPagination compares every link with (URL getters rebuild their string each call). */
  private pageParts: { host: string; href: string; dir: string } | undefined;

  private finishItem(item: ItemCtx): void {
    if (item.links.length === 0) return; // dating an item without links has no effect
    let date = findDates(item.outside)[0]?.date ?? shortListDate(item.outside, this.today);
    if (!date && item.inside) {
      const inner = findDates(item.inside);
      const last = inner[inner.length - 1];
      if (last && item.inside.slice(last.end).trim().length <= 6) date = last.date;
    }
    if (item.hadStandalone) this.standalone = undefined; // it was a list date after all
    if (!date) return;
    this.listDates.push(date);
    for (const i of item.links) {
      const l = this.links[i];
      l.date = date;
      if (l.place === 'body' || l.place === 'nav' || l.place === 'list') l.place = 'list';
    }
  }

  // ---- result -------------------------------------------------------------------------------------

  private result(): ExtractedCore {
    const meta = this.meta;
    if (this.linksDropped) this.notes.push(`链接超过 ${LIMITS.links} 个，已忽略 ${this.linksDropped} 个`);
    if (this.scriptsDropped) this.notes.push(`脚本超过 ${LIMITS.scripts} 个，已忽略 ${this.scriptsDropped} 个`);
    const { kind, pubDate } = this.pageKind();
    const columnName = this.columnName(kind);
    const out: ExtractedCore = {
      title: this.title ?? '',
      meta,
      kind,
      breadcrumb: this.breadcrumb,
      listDates: this.listDates,
      text: this.textParts.join(''),
      links: this.links,
      scripts: this.scripts,
      hiddenBlocks: this.hiddenBlocks,
      identifiers: this.identifiers(),
      search: this.search,
      pagination: [...this.pagination],
      notes: this.notes,
    };
    if (columnName) out.columnName = columnName;
    if (this.headline) out.headline = this.headline;
    if (this.emptyList) out.emptyList = this.emptyList;
    if (pubDate) out.pubDate = pubDate;
    return out;
  }

  /** Home, list (≥ 5 dated list links), article (a 发布时间, an article title meta or URL) or other. */
  private pageKind(): { kind: ExtractedCore['kind']; pubDate?: string } {
    const meta = this.meta;
    if (this.opts.isHome) return { kind: 'home' };
    const datedListLinks = this.links.reduce((n, l) => n + (l.date && l.place === 'list' && l.tag === 'a' ? 1 : 0), 0);
    if (datedListLinks >= 5) return { kind: 'list' };
    const pubDate = this.strongDate ?? this.weakDate ?? this.metaDate() ?? this.standalone;
    const kind = pubDate || meta.articletitle || looksLikeArticleUrl(this.opts.finalUrl || this.opts.url) ? 'article' : 'other';
    return pubDate ? { kind, pubDate } : { kind };
  }

  /** The first publication-date meta that holds a date. */
  private metaDate(): string | undefined {
    for (const k of PUBDATE_METAS) {
      const v = this.meta[k];
      const d = v ? normaliseDateValue(v) : undefined;
      if (d) return d;
    }
    return undefined;
  }

  /** ColumnName meta, else the breadcrumb's last real crumb, else (a list page) the title's first part. */
  private columnName(kind: ExtractedCore['kind']): string | undefined {
    const tail = [...this.breadcrumb].reverse().find((p) => !COLUMN_TAIL_EXCLUDE.test(p));
    const name: string | undefined = this.meta.columnname || tail;
    if (!name && kind === 'list' && this.title) return this.title.split(/\s*[_|\-—–]+\s*/).find((s) => s.trim().length > 0);
    return name;
  }

  /** 网站标识码 (meta, footer text or the 找错 script), ICP/公安备案号, 党政机关标识 and the 找错 entry. */
  private identifiers(): ExtractedCore['identifiers'] {
    let siteIdCode: ExtractedCore['identifiers']['siteIdCode'];
    const metaCode = this.meta.siteidcode?.trim();
    if (metaCode) siteIdCode = { value: metaCode, where: 'meta' };
    else if (this.ids.siteIdCode) siteIdCode = { value: this.ids.siteIdCode, where: 'footer' };
    else if (this.scriptSiteCode) siteIdCode = { value: this.scriptSiteCode, where: 'script' };
    const identifiers: ExtractedCore['identifiers'] = {
      dangzheng: this.conacLink ? 'link' : this.conacScript ? 'script' : false,
      jiucuo: this.jiucuoLink ? 'link' : this.jiucuoScript ? 'script' : this.jiucuoPlaceholder ? 'placeholder' : false,
    };
    if (siteIdCode) identifiers.siteIdCode = siteIdCode;
    if (this.ids.icp) identifiers.icp = this.ids.icp;
    if (this.ids.police) identifiers.police = this.ids.police;
    return identifiers;
  }

}
