/**
 * The trend drawn with uPlot (canvas, about 50 kB, the fastest of the well-kept chart libraries on
 * long series): one line per series over the days or weeks of the period, coloured from the
 * theme's tokens and drawn again when the theme changes. The same numbers are in the table below
 * it, for screen readers and for reading exact values.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useSettings } from '../../settings/SettingsProvider.tsx';

export interface TrendSeries {
  label: string;
  /** A CSS custom property of the theme (tokens.css), e.g. '--accent'. */
  color: string;
  values: (number | null)[];
}

const HEIGHT = 240;

export function TrendChart({ label, x, series }: { label: string; x: number[]; series: TrendSeries[] }) {
  const host = useRef<HTMLDivElement>(null);
  const { theme } = useSettings();

  useEffect(() => {
    const el = host.current;
    // Where canvas cannot draw (a DOM without one), the table below carries the same numbers.
    if (!el || !document.createElement('canvas').getContext('2d')) return;
    const css = getComputedStyle(document.documentElement);
    const token = (name: string) => css.getPropertyValue(name).trim();
    const axis = { stroke: token('--text-muted'), grid: { stroke: token('--border') }, ticks: { stroke: token('--border') } };
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [axis, axis],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: token(s.color), width: 2 }))],
      },
      [x.map((ms) => ms / 1000), ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, theme]);

  return <div ref={host} className="trend-chart" role="img" aria-label={label} />;
}
