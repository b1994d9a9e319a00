/**
 * One ECharts chart. Only the parts the dashboard uses are registered (bar and line charts,
 * grid, tooltip, legend, mark lines, the SVG renderer), which keeps the bundle small.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** A chart; the table beside it carries the same numbers for readers and screen readers. */
export function EChart({ option, label, height = 280, onClick }: { option: ChartOption; label: string; height?: number; onClick?: (name: string) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(String(params.name)));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={element} className="dashboard-chart" role="img" aria-label={label} style={{ height }} />;
}
