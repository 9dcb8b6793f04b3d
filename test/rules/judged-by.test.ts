// Who judges an indicator (judgedBy), and an inspector's failed checklist item (check 'manual') in the scorer.
import { describe, expect, it } from 'vitest';
import type { CheckFinding } from '../../src/domain/index.js';
import { loadCatalogue, score } from '../../src/rules/index.js';
import { catalogueSchema } from '../../src/rules/schema.js';

const manual = (indicator: string, points?: number): CheckFinding => ({
  check: 'manual', url: 'http://www.example.gov.test/', evidence: '办事指南缺少办理地点', message: '人工检查不符合',
  detail: { advice: '补齐要素', indicator, note: '缺少办理地点', inspector: 'insp', ...(points === undefined ? {} : { points }) },
});

describe('judgedBy', () => {
  const cat = loadCatalogue('national-2019');
  const by = (code: string) => cat.indicators.find((i) => i.code === code)!.judgedBy;

  it('marks the person-judged indicators of the national catalogue, and the Liaoning overlay patches one', () => {
    expect([by('service.guide'), by('veto.interaction'), by('interaction.reply'), by('veto.security'), by('function.search')]).toEqual(['person', 'person', 'person', 'both', 'machine']);
    for (const ind of cat.indicators) if (ind.match.length === 0) expect({ code: ind.code, judgedBy: ind.judgedBy }).not.toEqual({ code: ind.code, judgedBy: 'machine' });
    expect(loadCatalogue('national-2019', ['liaoning-2019']).indicators.find((i) => i.code === 'publish.interpretation-link')!.judgedBy).toBe('both');
    expect(by('publish.interpretation-link')).toBe('machine');
  });

  it('defaults to machine, and refuses an indicator nobody can judge', () => {
    const { sources: _s, ...data } = cat;
    const parsed = catalogueSchema.parse({ ...data, indicators: data.indicators.map(({ judgedBy: _j, ...rest }) => rest) });
    expect(parsed.indicators.every((i) => i.judgedBy === 'machine')).toBe(true);
  });
});

describe('an inspector\'s failed checklist item', () => {
  const cat = loadCatalogue('national-2019');
  const opts = { catalogue: cat, portal: false, noExternalService: false };

  it('fires a person-judged veto', () => {
    const r = score([manual('veto.interaction')], opts);
    expect(r.verdict).toBe('unqualified');
    expect(r.breakdown.vetoes).toEqual(['veto.interaction']);
    expect(r.findings[0]).toMatchObject({ indicator: 'veto.interaction', severity: 'veto' });
  });

  it('deducts the stated points, or the indicator\'s value, capped at it', () => {
    expect(score([manual('service.guide', 3)], opts).score).toBe(97);
    expect(score([manual('service.guide')], opts).score).toBe(92); // 办事指南 is worth 8
    expect(score([manual('service.guide', 5), manual('service.guide', 5)], opts).score).toBe(92);
    const r = score([manual('service.guide', 3)], opts);
    expect(r.indicators.find((i) => i.code === 'service.guide')).toMatchObject({ triggered: true, points: 3, findings: 1 });
    expect(r.findings[0]).toMatchObject({ indicator: 'service.guide' });
  });

  it('counts under no other indicator', () => {
    const r = score([manual('publish.overview', 1)], opts);
    expect(r.indicators.filter((i) => i.findings > 0).map((i) => i.code)).toEqual(['publish.overview']);
    expect(r.score).toBe(99);
  });
});
