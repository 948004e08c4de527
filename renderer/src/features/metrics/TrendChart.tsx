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
const DAY_S = 86_400;
/**
 * The steps the x axis may label (seconds): whole days and up. uPlot's own would include hours,
 * which a trend of days or weeks has no points for.
 */
const DAY_STEPS = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364].map((days) => days * DAY_S);

export interface TrendChartProps {
  label: string;
  /** Each point's start, milliseconds (a day or week). */
  x: number[];
  series: TrendSeries[];
  /** The x values' name in the legend, and how a date is written: the reader's language, not uPlot's English. */
  xLabel: string;
  formatDate: (ms: number) => string;
}

export function TrendChart({ label, x, series, xLabel, formatDate }: TrendChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const { theme } = useSettings();

  useEffect(() => {
    const el = host.current;
    // Where canvas cannot draw (a DOM without one), the table below carries the same numbers.
    if (!el || !document.createElement('canvas').getContext('2d')) return;
    const css = getComputedStyle(document.documentElement);
    const token = (name: string) => css.getPropertyValue(name).trim();
    const axis = { stroke: token('--text-muted'), grid: { stroke: token('--border') }, ticks: { stroke: token('--border') } };
    const date = (seconds: number | null) => (seconds === null ? '--' : formatDate(seconds * 1000));
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [{ ...axis, incrs: DAY_STEPS, values: (_u, splits) => splits.map(date) }, axis],
        series: [
          { label: xLabel, value: (_u, v) => date(v) },
          ...series.map((s) => ({ label: s.label, stroke: token(s.color), width: 2 })),
        ],
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
  }, [x, series, theme, xLabel, formatDate]);

  return <div ref={host} className="trend-chart" role="img" aria-label={label} />;
}
