// Display info for indicators: the rule a finding breaks, for reports (「国办秘函〔2019〕19号 单项否决指标：栏目不更新」).
import type { Catalogue } from './schema.js';
import { INFO_INDICATOR } from './scorer.js';

export interface IndicatorInfo {
  code: string;
  name: string;
  kind: 'veto' | 'deduction' | 'bonus' | 'info';
  block?: string;
  blockName?: string;
  /** Value of the indicator (deduction/bonus); 0 for veto and info. */
  points: number;
  /** The legal basis text, e.g. 「国办秘函〔2019〕19号 单项否决指标：栏目不更新」. */
  basis: string;
  advice: string;
  verified: boolean;
  source: string;
}

const INFO: IndicatorInfo = {
  code: INFO_INDICATOR,
  name: '提示（不计分）',
  kind: 'info',
  points: 0,
  basis: '未纳入当前指标体系，仅作提示',
  advice: '请结合实际情况核实并整改',
  verified: true,
  source: '',
};

export function indicatorInfos(cat: Catalogue): Map<string, IndicatorInfo> {
  const blocks = new Map(cat.blocks.map((b) => [b.code, b]));
  const out = new Map<string, IndicatorInfo>();
  for (const ind of cat.indicators) {
    out.set(ind.code, {
      code: ind.code,
      name: ind.name,
      kind: ind.kind,
      block: ind.block,
      blockName: ind.block ? blocks.get(ind.block)?.name : undefined,
      points: ind.points,
      basis: ind.basis,
      advice: ind.advice,
      verified: ind.verified,
      source: ind.source,
    });
  }
  out.set(INFO_INDICATOR, INFO);
  return out;
}

/** Info for one indicator code; unknown codes and 'info' get the not-scored entry. */
export function describeIndicator(cat: Catalogue, code: string): IndicatorInfo {
  return indicatorInfos(cat).get(code) ?? { ...INFO, code };
}
