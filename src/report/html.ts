// A self-contained HTML report a supervisor can open and forward: one file, no external assets, no scripts.
// Everything from scanned pages is hostile: it is escaped, and only http(s) URLs ever become links.
import { shanghaiTime, type Finding, type ScanReport } from '../domain/index.js';
import { CHECK_LABELS, KIND_LABELS, SEVERITY_LABELS, SEVERITY_ORDER, VERDICT_LABELS } from './labels.js';
import { rankIndicators } from './text.js';
import { STATUS_LABELS, incompleteChecks, incompleteLine } from './coverage.js';

export interface Screenshot {
  url: string; // page shown
  caption: string; // 中文说明, e.g. 「以百度来路访问」
  png: Buffer; // PNG or JPEG bytes
  mime?: 'image/png' | 'image/jpeg';
}

export interface HtmlExtras {
  screenshots?: Screenshot[];
  /** Legal basis and advice per indicator code, from the rules catalogue. */
  indicatorInfo?: (code: string) => { basis?: string; advice?: string } | undefined;
  crawlNotes?: string[]; // how the crawl went; by default the report's coverage.crawlNotes
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** A link only for http(s) URLs; anything else (javascript:, data:) is shown as text. */
function safeLink(url: string | undefined, label?: string): string {
  if (!url) return '';
  let ok = false;
  try {
    const u = new URL(url);
    ok = u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    ok = false;
  }
  const text = escapeHtml(label ?? url);
  return ok ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${text}</a>` : `<span>${text}</span>`;
}

function detailRows(detail: Finding['detail']): string {
  const rows: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    if (k === 'advice' || v === undefined || v === null) continue;
    const value = typeof v === 'object' ? JSON.stringify(v) : String(v);
    rows.push(`<span class="kv"><b>${escapeHtml(k)}</b> ${escapeHtml(value.length > 300 ? value.slice(0, 300) + '…' : value)}</span>`);
  }
  return rows.join(' ');
}

function findingItem(f: Finding): string {
  const linkedFrom = typeof f.detail.linkedFrom === 'string' ? f.detail.linkedFrom : undefined;
  return `<li class="finding sev-${escapeHtml(f.severity)}">
  <div class="head"><span class="badge sev-${escapeHtml(f.severity)}">${escapeHtml(SEVERITY_LABELS[f.severity])}</span>
  <span class="check">${escapeHtml(CHECK_LABELS[f.check] ?? f.check)}</span> ${escapeHtml(f.message)}</div>
  <div class="where">页面：${safeLink(f.url)}${f.target ? ` → 目标：${safeLink(f.target)}` : ''}${linkedFrom ? `（附件，链接自 ${safeLink(linkedFrom)}）` : ''}</div>
  ${f.evidence ? `<pre class="evidence">${escapeHtml(f.evidence)}</pre>` : ''}
  <div class="advice">整改建议：${escapeHtml(f.detail.advice ?? '')}</div>
  <div class="detail">${detailRows(f.detail)}</div>
</li>`;
}

export function renderHtml(report: ScanReport, extras: HtmlExtras = {}): string {
  const verdict = VERDICT_LABELS[report.verdict];
  const byIndicator = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byIndicator.get(f.indicator) ?? [];
    list.push(f);
    byIndicator.set(f.indicator, list);
  }
  const ranked = rankIndicators(report.indicators);
  const known = new Set(ranked.map((i) => i.code));
  const sections: string[] = [];
  for (const ind of ranked) {
    const list = byIndicator.get(ind.code);
    if (!list?.length && !ind.triggered) continue;
    const info = extras.indicatorInfo?.(ind.code);
    const pts = ind.kind === 'veto' ? (ind.triggered ? '单项否决' : '未触发') : ind.kind === 'bonus' ? `+${ind.points}` : `−${ind.points}`;
    sections.push(`<section class="indicator ${ind.triggered ? 'triggered' : ''}">
<h3><span class="kind">${escapeHtml(KIND_LABELS[ind.kind])}</span> ${escapeHtml(ind.name)} <small>${escapeHtml(ind.code)}</small> <span class="pts">${escapeHtml(pts)}</span> <span class="count">${list?.length ?? 0} 个问题</span></h3>
${info?.basis ? `<p class="basis">依据：${escapeHtml(info.basis)}</p>` : ''}
<ol>${(list ?? []).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).map(findingItem).join('\n')}</ol>
</section>`);
  }
  const orphans = report.findings.filter((f) => !known.has(f.indicator));
  if (orphans.length) {
    sections.push(`<section class="indicator"><h3>其他发现（未计分）</h3><ol>${orphans.map(findingItem).join('\n')}</ol></section>`);
  }
  const shots = (extras.screenshots ?? [])
    .map((s) => `<figure><img alt="${escapeHtml(s.caption)}" src="data:${s.mime ?? 'image/png'};base64,${s.png.toString('base64')}"><figcaption>${escapeHtml(s.caption)}：${safeLink(s.url)}</figcaption></figure>`)
    .join('\n');
  const s = report.stats;
  const css = `body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1f2328;background:#f6f7f9}
header{background:#b5121b;color:#fff;padding:20px 32px}header h1{margin:0 0 6px;font-size:22px}header a{color:#fff}
main{max-width:1100px;margin:0 auto;padding:20px 32px}.summary{display:flex;gap:16px;flex-wrap:wrap;margin-bottom:20px}
.card{background:#fff;border-radius:8px;padding:14px 18px;box-shadow:0 1px 2px rgba(0,0,0,.08);min-width:120px}
.card .v{font-size:26px;font-weight:600}.verdict-unqualified .v{color:#b5121b}.verdict-qualified .v{color:#1a7f37}
section.indicator{background:#fff;border-radius:8px;margin:14px 0;padding:4px 18px 10px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
section.triggered{border-left:4px solid #b5121b}h3{font-size:16px}h3 small{color:#888;font-weight:normal}
.kind{background:#eef;border-radius:4px;padding:1px 6px;font-size:12px}.pts{color:#b5121b;margin-left:8px}.count{color:#666;font-size:13px;margin-left:8px}
.basis{color:#555;font-size:13px}ol{padding-left:20px}li.finding{margin:10px 0;padding-bottom:8px;border-bottom:1px dashed #ddd}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;color:#fff;background:#888}.badge.sev-veto{background:#b5121b}
.badge.sev-major{background:#d4620b}.badge.sev-minor{background:#9a6700}.check{font-weight:600;margin:0 4px}
.where,.advice,.detail{font-size:13px;margin-top:4px;word-break:break-all}.advice{color:#1a5fb4}
pre.evidence{background:#f3f3f3;padding:6px 8px;white-space:pre-wrap;word-break:break-all;font-size:12px;margin:4px 0}
.kv{display:inline-block;margin-right:10px;color:#555}figure{display:inline-block;margin:8px;background:#fff;padding:8px;border-radius:8px}
figure img{max-width:400px;border:1px solid #ddd}figcaption{font-size:12px;color:#555;word-break:break-all;max-width:400px}
details{margin:8px 0;font-size:13px;color:#555}
table.ind{border-collapse:collapse;background:#fff;width:100%;font-size:13px}table.ind td,table.ind th{border:1px solid #e3e3e3;padding:4px 8px;text-align:left}
footer{color:#888;font-size:12px;text-align:center;padding:20px}
.incomplete{margin-top:10px;background:#fff3cd;color:#6b4e00;border-radius:6px;padding:8px 12px;font-weight:600}
tr.cov-failed td.st{color:#b5121b;font-weight:600}tr.cov-skipped td.st,tr.cov-partial td.st{color:#9a6700;font-weight:600}`;
  const row = (i: (typeof ranked)[number]) => `<tr class="${i.triggered ? 'triggered' : ''}"><td>${escapeHtml(KIND_LABELS[i.kind])}</td><td>${escapeHtml(i.name)}</td><td>${escapeHtml(i.code)}</td><td>${i.triggered ? (i.kind === 'veto' ? '否决' : escapeHtml(i.points)) : '—'}</td><td>${i.findings}</td></tr>`;
  const triggeredRows = ranked.filter((i) => i.triggered || i.findings > 0).map(row).join('');
  const quietRows = ranked.filter((i) => !i.triggered && i.findings === 0).map(row).join('');
  const crawlNotes = extras.crawlNotes ?? report.coverage?.crawlNotes ?? [];
  const incomplete = incompleteLine(report.coverage);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>政务巡检报告 - ${escapeHtml(report.site.name || report.site.url)}</title><style>${css}</style></head>
<body><header><h1>政务巡检报告：${escapeHtml(report.site.name || '')}</h1>
<div>${safeLink(report.site.url)} · 检查时间 ${escapeHtml(shanghaiTime(report.startedAt))} 至 ${escapeHtml(shanghaiTime(report.finishedAt))}（北京时间） · 依据 国办秘函〔2019〕19号</div>${incomplete ? `<div class="incomplete">⚠ ${escapeHtml(incomplete)}（见「检查覆盖」）</div>` : ''}</header>
<main>
<div class="summary">
<div class="card verdict-${escapeHtml(report.verdict)}"><div>结论</div><div class="v">${escapeHtml(verdict)}</div></div>
<div class="card"><div>扣分项得分</div><div class="v">${escapeHtml(report.score)}</div></div>
<div class="card"><div>问题</div><div class="v">${report.findings.length}</div></div>
<div class="card"><div>页面</div><div class="v">${s.pages}</div></div>
<div class="card"><div>链接</div><div class="v">${s.links}</div></div>
<div class="card"><div>抓取错误</div><div class="v">${s.errors}</div></div>
</div>
${crawlNotes.length ? `<p class="basis">抓取说明：${escapeHtml(crawlNotes.join('；'))}</p>` : ''}
<h2>触发的指标</h2>
<table class="ind"><tr><th>类型</th><th>指标</th><th>编号</th><th>扣/加分</th><th>问题数</th></tr>${triggeredRows || '<tr><td colspan="5">未触发任何指标</td></tr>'}</table>
${quietRows ? `<details><summary>未触发的指标（${ranked.length - ranked.filter((i) => i.triggered || i.findings > 0).length} 项）</summary><table class="ind">${quietRows}</table></details>` : ''}
<h2>问题明细（按指标）</h2>
${sections.join('\n') || '<p>未发现问题。</p>'}
${shots ? `<h2>截图证据</h2><div class="shots">${shots}</div>` : ''}
${coverageSection(report.coverage)}
</main><footer>由 govpatrol 政务巡检 生成 · 报告格式 ${escapeHtml(report.schema)}</footer></body></html>
`;
}

/** Every check with how it went: the incomplete ones first and in the open, the rest folded away. */
function coverageSection(coverage: ScanReport['coverage']): string {
  if (!coverage) return '';
  const row = ([id, c]: [string, NonNullable<ScanReport['coverage']>['checks'][string]]) =>
    `<tr class="cov-${escapeHtml(c.status)}"><td>${escapeHtml(CHECK_LABELS[id as keyof typeof CHECK_LABELS] ?? id)} <small>${escapeHtml(id)}</small></td><td class="st">${escapeHtml(STATUS_LABELS[c.status])}</td><td>${c.pages ?? '—'}</td><td>${c.errors ?? 0}</td><td>${c.dropped ?? 0}</td><td>${escapeHtml(c.reason ?? '')}</td></tr>`;
  const head = '<tr><th>检查项</th><th>状态</th><th>检查页面</th><th>出错次数</th><th>超出上限未列出</th><th>说明</th></tr>';
  const incomplete = incompleteChecks(coverage);
  const rest = Object.entries(coverage.checks).filter(([, c]) => c.status === 'ran');
  const errors = coverage.checkErrors.examples
    .slice(0, 10)
    .map((e) => `<li>${escapeHtml(e.check)}：${escapeHtml(e.message)}${e.url ? ` — ${safeLink(e.url)}` : ''}</li>`)
    .join('');
  return `<h2>检查覆盖</h2>
${incomplete.length ? `<table class="ind coverage">${head}${incomplete.map(row).join('')}</table>` : '<p>全部检查均已运行。</p>'}
${rest.length ? `<details${incomplete.length ? '' : ' open'}><summary>已运行的检查（${rest.length} 项）</summary><table class="ind coverage">${head}${rest.map(row).join('')}</table></details>` : ''}
${coverage.checkErrors.count ? `<p class="basis">检查出错共 ${coverage.checkErrors.count} 次（其余检查不受影响），例如：</p><ul class="basis">${errors}</ul>` : ''}`;
}
