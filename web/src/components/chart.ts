// ECharts, with only the chart types and components the pages draw (keeps the bundle small).
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import VChart from 'vue-echarts';

use([CanvasRenderer, BarChart, LineChart, PieChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent]);

export { VChart };
export const VERDICT_COLORS = { qualified: '#67c23a', unqualified: '#f56c6c', unscanned: '#909399' };
