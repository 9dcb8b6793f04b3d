// robots.txt through robots-parser (RFC 9309 matching: groups by product token, `*` and `$`, longest match
// wins and Allow wins a tie). What we add: the input is hostile, so it is bounded before parsing (size, rule
// count, duplicates), and a crawler's product token is taken from its User-Agent header the way RFC 9309
// means it ("Mozilla/5.0 (compatible; Baiduspider/2.0; …)" is Baiduspider, not Mozilla, and a group named
// "spider" does not match "Baiduspider").
import robotsParserModule from 'robots-parser';

// A CommonJS module whose typings declare an ES default export: at run time the import is the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  isAllowed(pathAndQuery: string, userAgent?: string): boolean;
  sitemaps: string[];
  /** The `User-agent: *` group forbids the whole site. */
  disallowsAll: boolean;
  /** Crawl-delay of the `*` group, in seconds. */
  crawlDelaySec?: number;
  /** Crawl-delay of the group that applies to this User-Agent (its own group, else `*`), in seconds. */
  crawlDelayFor(userAgent?: string): number | undefined;
}

const MAX_ROBOTS_CHARS = 500 * 1024; // RFC 9309 §2.5: parse at least 500 KiB
const MAX_RULES = 2000; // real files have a few hundred at most; bounds the per-URL matching cost
const MAX_PATH_CHARS = 4096;
const MAX_SITEMAPS = 1000;
/** Any origin will do: the parser only checks that URLs share the robots.txt's origin. */
const BASE = 'http://robots.invalid';

/**
 * RFC 9309 product token of a User-Agent header: the name inside "(compatible; Name/1.0; …)" when there is
 * one, else the first product ("govpatrol/0.1" → govpatrol). Lower-cased; letters, digits, `_` and `-` only.
 */
export function productToken(userAgent: string): string {
  const compatible = /\(compatible;\s*([A-Za-z0-9_-]+)/i.exec(userAgent);
  if (compatible) return compatible[1].toLowerCase();
  const first = /^\s*([A-Za-z0-9_-]+)/.exec(userAgent);
  return first ? first[1].toLowerCase() : '*';
}

/** Cuts hostile input down before the parser sees it: a size bound at a line end, and at most MAX_RULES
 *  distinct Allow/Disallow lines (duplicates within a group dropped). */
function bounded(text: string): string {
  let input = text;
  if (input.length > MAX_ROBOTS_CHARS) {
    // Cut at a line end: a rule cut in half would mean something else (`Disallow: /*a*` from `/*a*b`).
    input = input.slice(0, MAX_ROBOTS_CHARS);
    const lastBreak = Math.max(input.lastIndexOf('\n'), input.lastIndexOf('\r'));
    input = lastBreak >= 0 ? input.slice(0, lastBreak) : '';
  }
  const out: string[] = [];
  let rules = 0;
  let group = 0;
  let lastWasAgent = false;
  const seen = new Set<string>();
  for (const line of input.split(/\r\n|\r|\n/)) {
    const m = /^\s*([A-Za-z-]+)\s*:\s*([^#]*)/.exec(line);
    const key = m?.[1].toLowerCase();
    if (key === 'user-agent') {
      if (!lastWasAgent) group++;
      lastWasAgent = true;
    } else if (key !== undefined) {
      lastWasAgent = false;
    }
    if (key === 'allow' || key === 'disallow') {
      const rule = `${group}\u0000${key}\u0000${m![2].trim()}`;
      if (rules >= MAX_RULES || seen.has(rule)) continue;
      seen.add(rule);
      rules++;
    }
    out.push(line);
  }
  return out.join('\n');
}

export function parseRobots(text: string): RobotsRules {
  const robot = robotsParser(`${BASE}/robots.txt`, bounded(text));
  const tokens = new Map<string, string>();
  const tokenOf = (userAgent: string | undefined): string => {
    if (!userAgent) return '*';
    let t = tokens.get(userAgent);
    if (t === undefined) {
      t = productToken(userAgent);
      if (tokens.size < 64) tokens.set(userAgent, t);
    }
    return t;
  };
  const allowed = (pathAndQuery: string, token: string): boolean => {
    let path = pathAndQuery || '/';
    if (!path.startsWith('/')) {
      try {
        const u = new URL(path);
        path = u.pathname + u.search;
      } catch {
        path = '/' + path;
      }
    }
    if (path === '/robots.txt') return true;
    if (path.length > MAX_PATH_CHARS) path = path.slice(0, MAX_PATH_CHARS);
    return robot.isAllowed(BASE + path, token) !== false;
  };
  // Everything the `*` group lets through is closed: "/", a page and a query all refused.
  const disallowsAll = ['/', '/index.html', '/a/b.html?x=1'].every((p) => !allowed(p, '*'));
  const delay = robot.getCrawlDelay('*');
  return {
    isAllowed: (pathAndQuery, userAgent) => allowed(pathAndQuery, tokenOf(userAgent)),
    sitemaps: robot.getSitemaps().slice(0, MAX_SITEMAPS),
    disallowsAll,
    ...(validDelay(delay) ? { crawlDelaySec: delay } : {}),
    crawlDelayFor(userAgent) {
      const d = robot.getCrawlDelay(tokenOf(userAgent));
      return validDelay(d) ? d : undefined;
    },
  };
}

function validDelay(d: number | undefined): d is number {
  return typeof d === 'number' && Number.isFinite(d) && d >= 0;
}
