// The 附件's charts as SVG, drawn by ECharts on the server (SSR, no DOM): verdicts by unit, the most frequent
// problems, the trend over rounds. The same SVG goes into the HTML, the PDF and the DOCX.
import * as echarts from 'echarts';
import type { ChartId, ChartSpec } from './model.js';

export interface ChartSvg {
  id: ChartId;
  svg: string;
  width: number;
  height: number;
}

const FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', SimHei, sans-serif"; // single quotes: ECharts puts it in a double-quoted style attribute as is
export const CHART_WIDTH = 600;

/** Bar charts grow with their categories so labels never overlap. */
function heightOf(spec: ChartSpec): number {
  if (spec.type === 'line') return 320;
  return Math.max(220, 90 + spec.categories.length * 34);
}

function optionFor(spec: ChartSpec): echarts.EChartsCoreOption {
  const base = {
    animation: false,
    textStyle: { fontFamily: FONT, fontSize: 14, color: '#222' },
    legend: spec.series.length > 1 ? { top: 4, data: spec.series.map((s) => s.name) } : undefined,
    color: spec.series.map((s) => s.color),
  };
  if (spec.type === 'line') {
    return {
      ...base,
      grid: { left: 56, right: 32, top: 44, bottom: 48 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, fontSize: 13 } },
      yAxis: { type: 'value', minInterval: 1, name: '网站数' },
      series: spec.series.map((s) => ({ type: 'line', name: s.name, data: s.values, label: { show: true }, symbolSize: 7 })),
    };
  }
  return {
    ...base,
    grid: { left: 16, right: 48, top: spec.series.length > 1 ? 40 : 16, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: spec.categories, inverse: true, axisLabel: { width: 190, overflow: 'truncate', fontSize: 13 } },
    series: spec.series.map((s) => ({
      type: 'bar', name: s.name, data: s.values, stack: spec.type === 'stacked-bar' ? 'verdict' : undefined, barMaxWidth: 22,
      label: { show: true, position: spec.type === 'stacked-bar' ? 'inside' : 'right', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
    })),
  };
}

export function renderChartSvg(spec: ChartSpec): ChartSvg {
  const width = CHART_WIDTH;
  const height = heightOf(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(optionFor(spec));
    return { id: spec.id, svg: chart.renderToSVGString(), width, height };
  } finally {
    chart.dispose();
  }
}

export function renderCharts(specs: ChartSpec[]): ChartSvg[] {
  return specs.map(renderChartSvg);
}
