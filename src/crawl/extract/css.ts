// Just enough CSS to tell whether people can see an element: inline styles plus simple <style> rules
// (tag, .class, #id, tag.class and descendant chains of those). Everything else is ignored on purpose.

export interface StyleProps {
  display?: string;
  visibility?: string;
  position?: string;
  left?: string;
  top?: string;
  width?: string;
  height?: string;
  overflow?: string;
  fontSize?: string;
  color?: string;
  background?: string;
  textIndent?: string;
}

interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
}

export interface CssRule {
  chain: Compound[]; // ancestors first, subject last
  props: StyleProps;
  order: number;
}

export interface ElementKey {
  tag: string;
  id: string;
  classes: string[];
}

const MAX_RULES = 3000;
const MAX_CSS_CHARS = 200_000;

const PROP_MAP: Record<string, keyof StyleProps> = {
  display: 'display',
  visibility: 'visibility',
  position: 'position',
  left: 'left',
  top: 'top',
  width: 'width',
  height: 'height',
  'max-height': 'height',
  'max-width': 'width',
  overflow: 'overflow',
  'font-size': 'fontSize',
  color: 'color',
  background: 'background',
  'background-color': 'background',
  'text-indent': 'textIndent',
};

/** Parses `a:b; c:d` into the properties we care about. */
export function parseDeclarations(text: string): StyleProps {
  const props: StyleProps = {};
  let found = false;
  for (const decl of text.slice(0, 4000).split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const name = decl.slice(0, colon).trim().toLowerCase();
    const key = PROP_MAP[name];
    if (!key) continue;
    let value = decl.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
    if (key === 'background') {
      const c = extractColour(value);
      if (!c) continue;
      value = c;
    } else if (key === 'color') {
      const c = normaliseColour(value);
      if (!c) continue;
      value = c;
    }
    props[key] = value;
    found = true;
  }
  return found ? props : {};
}

const NAMED: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00',
  gray: '#808080', grey: '#808080', silver: '#c0c0c0', navy: '#000080', orange: '#ffa500',
};

export function normaliseColour(v: string): string | undefined {
  const s = v.trim().toLowerCase();
  if (NAMED[s]) return NAMED[s];
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) return '#' + m[1].split('').map((c) => c + c).join('');
  m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) return s;
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(s);
  if (m) {
    if (m[4] !== undefined && Number(m[4]) === 0) return undefined; // transparent
    return '#' + [m[1], m[2], m[3]].map((n) => Math.min(255, Number(n)).toString(16).padStart(2, '0')).join('');
  }
  return undefined;
}

/** The colour in a `background` shorthand, if any. */
function extractColour(v: string): string | undefined {
  const direct = normaliseColour(v);
  if (direct) return direct;
  for (const part of v.replace(/url\([^)]*\)/g, ' ').split(/\s+(?![^(]*\))/)) {
    const c = normaliseColour(part);
    if (c) return c;
  }
  return undefined;
}

function parseCompound(s: string): Compound | undefined {
  if (!/^[a-z0-9_\-.#]+$/i.test(s)) return undefined;
  const c: Compound = { classes: [] };
  const re = /([.#]?)([a-z0-9_-]+)/gi;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(s))) {
    if (m.index !== consumed) return undefined;
    consumed = m.index + m[0].length;
    if (m[1] === '.') c.classes.push(m[2].toLowerCase());
    else if (m[1] === '#') c.id = m[2].toLowerCase();
    else c.tag = m[2].toLowerCase();
  }
  return consumed === s.length ? c : undefined;
}

/** Rules of one stylesheet, indexed by the subject's id, class or tag for cheap lookups. */
export class StyleSheet {
  private byId = new Map<string, CssRule[]>();
  private byClass = new Map<string, CssRule[]>();
  private byTag = new Map<string, CssRule[]>();
  private count = 0;
  private chars = 0;

  get size(): number {
    return this.count;
  }

  addCss(css: string): void {
    if (this.chars >= MAX_CSS_CHARS || this.count >= MAX_RULES) return;
    const text = css.slice(0, MAX_CSS_CHARS - this.chars).replace(/\/\*[\s\S]*?\*\//g, ' ');
    this.chars += text.length;
    // Flat scan: nested blocks (@media) just appear as selectors we fail to parse; their inner rules
    // are picked up because we split on braces.
    const re = /([^{}]+)\{([^{}]*)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && this.count < MAX_RULES) {
      const props = parseDeclarations(m[2]);
      if (Object.keys(props).length === 0) continue;
      for (const sel of m[1].split(',')) {
        const parts = sel.trim().replace(/^@[^\s]+\s.*$/, '').split(/\s+/).filter(Boolean);
        if (parts.length === 0 || parts.length > 6) continue;
        const chain: Compound[] = [];
        let ok = true;
        for (const p of parts) {
          const c = parseCompound(p);
          if (!c) {
            ok = false;
            break;
          }
          chain.push(c);
        }
        if (!ok) continue;
        this.index({ chain, props, order: this.count++ });
      }
    }
  }

  private index(rule: CssRule): void {
    const subject = rule.chain[rule.chain.length - 1];
    const [map, key] = subject.id
      ? [this.byId, subject.id]
      : subject.classes.length
        ? [this.byClass, subject.classes[0]]
        : [this.byTag, subject.tag ?? '*'];
    const list = map.get(key);
    if (list) list.push(rule);
    else map.set(key, [rule]);
  }

  /** Properties from matching rules in source order. `ancestors` is outermost first. */
  match(el: ElementKey, ancestors: ElementKey[]): StyleProps | undefined {
    if (this.count === 0) return undefined;
    const candidates: CssRule[] = [];
    if (el.id) candidates.push(...(this.byId.get(el.id) ?? []));
    for (const c of el.classes) candidates.push(...(this.byClass.get(c) ?? []));
    candidates.push(...(this.byTag.get(el.tag) ?? []));
    if (candidates.length === 0) return undefined;
    candidates.sort((a, b) => a.order - b.order);
    let out: StyleProps | undefined;
    let last = -1;
    for (const r of candidates) {
      if (r.order === last) continue; // same rule indexed once, but a class list may repeat
      last = r.order;
      if (!compoundMatches(r.chain[r.chain.length - 1], el)) continue;
      if (!ancestorsMatch(r.chain, ancestors)) continue;
      out = Object.assign(out ?? {}, r.props);
    }
    return out;
  }
}

function compoundMatches(c: Compound, el: ElementKey): boolean {
  if (c.tag && c.tag !== '*' && c.tag !== el.tag) return false;
  if (c.id && c.id !== el.id) return false;
  for (const cls of c.classes) if (!el.classes.includes(cls)) return false;
  return true;
}

function ancestorsMatch(chain: Compound[], ancestors: ElementKey[]): boolean {
  let ci = chain.length - 2;
  for (let ai = ancestors.length - 1; ai >= 0 && ci >= 0; ai--) {
    if (compoundMatches(chain[ci], ancestors[ai])) ci--;
  }
  return ci < 0;
}

function lengthPx(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(-?[\d.]+)(px|em|rem|pt|%)?$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const unit = m[2] ?? 'px';
  return unit === 'em' || unit === 'rem' ? n * 16 : unit === 'pt' ? n * 1.33 : unit === '%' ? (n === 0 ? 0 : undefined) : n;
}

const OFFSCREEN_PX = -500;

/** Why an element with these properties is invisible by itself (colour is judged separately). */
export function hiddenReason(p: StyleProps): string | undefined {
  if (p.display === 'none') return 'display:none';
  if (p.visibility === 'hidden' || p.visibility === 'collapse') return 'visibility:hidden';
  if (p.position === 'absolute' || p.position === 'fixed') {
    const left = lengthPx(p.left);
    const top = lengthPx(p.top);
    if ((left !== undefined && left <= OFFSCREEN_PX) || (top !== undefined && top <= OFFSCREEN_PX)) return 'off-screen';
  }
  const indent = lengthPx(p.textIndent);
  if (indent !== undefined && indent <= -999) return 'off-screen';
  if (p.overflow === 'hidden') {
    const w = lengthPx(p.width);
    const h = lengthPx(p.height);
    if ((w !== undefined && w <= 1) || (h !== undefined && h <= 1)) return 'zero-size';
  }
  const fs = lengthPx(p.fontSize);
  if (fs !== undefined && fs <= 0) return 'font-size:0';
  return undefined;
}
