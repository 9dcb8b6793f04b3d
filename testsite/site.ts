// createSite: the model, renderer and manifest bound to one origin. The server and the disk writer use it.
import { buildManifest, type PlantedDefect } from './manifest.js';
import { PLANTED_ATTACHMENTS, allPaths, buildModel, columnPath, item, specialItem, type SiteModel, type TestSiteOptions } from './model.js';
import { SiteRenderer, type Rendered, type RenderRequest } from './render.js';

export const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface SpecialPage {
  path: string;
  kind: 'gbk-no-header-charset' | 'gbk-header-only' | 'wrong-declared-charset' | 'attachment';
  /** Content-Type the server sends. */
  contentType: string;
  /** The body's real encoding (or the attachment's format). */
  actual: string;
  note: string;
}

export interface Site {
  model: SiteModel;
  render(path: string, req: RenderRequest): Rendered;
  pathCount: number;
  manifest(origin: string): PlantedDefect[];
  allPaths(): Iterable<string>;
  specialPages: SpecialPage[];
}

/** Pages whose encoding is unusual, and the attachments: for the crawler's decoding and extraction tests. */
export function listSpecialPages(m: SiteModel): SpecialPage[] {
  const rsxx = m.bySlug.get('rsxx')!;
  const out: SpecialPage[] = [
    { path: columnPath(rsxx), kind: 'gbk-no-header-charset', contentType: 'text/html', actual: 'gbk', note: '人事信息栏目列表页：GBK 编码，仅 meta 声明 gb2312' },
    { path: item(m, rsxx, 0).path, kind: 'gbk-no-header-charset', contentType: 'text/html', actual: 'gbk', note: '人事信息栏目文章：GBK 编码，仅 meta 声明 gb2312（该栏目所有页面同此）' },
    { path: columnPath(m.bySlug.get('jgzn')!), kind: 'gbk-header-only', contentType: 'text/html; charset=GBK', actual: 'gbk', note: '机构职能栏目首页：仅 HTTP 头声明 GBK，无 meta' },
    { path: specialItem(m, 'charset-wrong').path, kind: 'wrong-declared-charset', contentType: 'text/html; charset=utf-8', actual: 'gbk', note: 'HTTP 头错误声明 utf-8，正文实为 GBK（meta 为 gb2312）' },
  ];
  for (const slug of ['zcwj', 'tzgg', 'tjsj']) {
    const ref = item(m, m.bySlug.get(slug)!, 0);
    if (ref.attachment) out.push({ path: ref.attachment.path, kind: 'attachment', contentType: ATTACHMENT_TYPES[ref.attachment.ext], actual: ref.attachment.ext, note: `普通附件，由 ${ref.path} 链接` });
  }
  if (m.defects) {
    const from = specialItem(m, 'privacy-attachments').path;
    out.push(
      { path: PLANTED_ATTACHMENTS.pdf, kind: 'attachment', contentType: 'application/pdf', actual: 'pdf', note: `含身份证号的 PDF，由 ${from} 链接` },
      { path: PLANTED_ATTACHMENTS.xlsx, kind: 'attachment', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', actual: 'xlsx', note: `含身份证号和手机号的 XLSX，由 ${from} 链接` },
    );
  }
  return out;
}

// The external hosts are served by the same loopback server as the site, so their links must carry the site's
// port. Templates write them port-less (as a real page would); this rewrites them per origin.
const EXTERNAL_LINK = /http:\/\/(external\.example\.org|spam\.example\.com|evil\.example\.net|nxdomain\.example\.org)\//g;

function portOf(origin: string): string {
  try {
    return new URL(origin).port;
  } catch {
    return '';
  }
}

/** Gives external links the origin's port. Works on GBK bodies too: the rewritten text is ASCII. */
export function withExternalPort<T extends string | Buffer>(content: T, port: string): T {
  if (!port) return content;
  const text = typeof content === 'string' ? content : content.toString('latin1');
  if (!text.includes('.example.')) return content;
  const out = text.replace(EXTERNAL_LINK, (_m, host: string) => `http://${host}:${port}/`);
  return (typeof content === 'string' ? out : Buffer.from(out, 'latin1')) as T;
}

export function createSite(opts: TestSiteOptions & { origin: string }): Site {
  const model = buildModel(opts);
  const origin = opts.origin.replace(/\/+$/, '');
  const port = portOf(origin);
  const renderer = new SiteRenderer(model, origin);
  const isText = (type: string | undefined) => !!type && /^(text\/|application\/(javascript|xml))/.test(type);
  return {
    model,
    render: (path, req) => {
      const r = renderer.render(path, req);
      if (r && isText(r.headers['content-type'])) r.body = withExternalPort(r.body, port);
      return r;
    },
    pathCount: model.pathCount,
    manifest: (o) =>
      buildManifest(model, o.replace(/\/+$/, '')).map((d) => ({
        ...d,
        target: d.target && withExternalPort(d.target, portOf(o)),
        evidence: d.evidence && withExternalPort(d.evidence, portOf(o)),
      })),
    allPaths: () => allPaths(model),
    specialPages: listSpecialPages(model),
  };
}
