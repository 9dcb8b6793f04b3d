// The layer rules of .dependency-cruiser.cjs (design.md "Layout"), run over src/ and testsite/ in `npm test`.
// On failure the message lists every violation: rule, from → to.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as IConfiguration;

function violations(output: ICruiseResult): string[] {
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? `（环：${v.cycle.map((c) => c.name).join(' → ')}）` : ''}`);
}

describe('architecture (dependency-cruiser)', () => {
  it('keeps every layer rule: domain imports nothing, stages never import later ones, no cycles, no testsite in src', async () => {
    const result = await cruise(['src', 'testsite'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
    const output = result.output as ICruiseResult;
    expect(output.summary.totalCruised).toBeGreaterThan(100); // it really read the code base
    expect(violations(output).join('\n')).toBe('');
  }, 120_000);

  it('reports planted breaks: rules → report, domain → crawl, a static testsite import, a cycle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govpatrol-layers-'));
    try {
      // Plain .js files: they resolve without a tsconfig, and the rules judge paths, not languages.
      const files: Record<string, string> = {
        'src/rules/score.js': "import { label } from '../report/labels.js';\nexport const s = label;\n",
        'src/report/labels.js': 'export const label = 1;\n',
        'src/domain/facts.js': "import { fetchIt } from '../crawl/fetch.js';\nexport const f = fetchIt;\n",
        'src/crawl/fetch.js': 'export const fetchIt = 1;\n',
        'src/cli/scan-command.js': "import { site } from '../../testsite/index.js';\nexport const t = site;\n",
        'testsite/index.js': 'export const site = 1;\n',
        'src/server/app.js': "import { r } from './routes.js';\nexport const a = r;\n",
        'src/server/routes.js': "import { a } from './app.js';\nexport const r = () => a;\n",
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
      const { tsConfig: _ownTsConfig, ...options } = config.options ?? {};
      const result = await cruise(['src', 'testsite'], { ...options, baseDir: dir, validate: true, ruleSet: { forbidden: config.forbidden } });
      const found = violations(result.output as ICruiseResult);
      expect(found).toEqual(expect.arrayContaining([
        'stages-not-platform: src/rules/score.js → src/report/labels.js',
        'domain-imports-nothing: src/domain/facts.js → src/crawl/fetch.js',
        'no-testsite-in-src: src/cli/scan-command.js → testsite/index.js',
      ]));
      expect(found.some((v) => v.startsWith('no-circular: src/server/'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
