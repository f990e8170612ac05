import { useEffect, useRef } from 'preact/hooks';
import type UPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

// uPlot is two thirds of the script: a chunk of its own, which the overview asks for while its
// data loads, so the first render does not wait for it to be parsed.
// budget: dashboard-first-render (docs/budgets.md)
let uplot: Promise<typeof UPlot> | undefined;
export const loadUplot = () => (uplot ??= import('uplot').then((m) => m.default));

export interface Series {
  label: string;
  values: number[];
  color: string;
}

/**
 * A line chart of per-day series (uPlot: canvas, ~20 KB compressed). The data also sits in a
 * visually hidden table, for screen readers and for anyone who wants the numbers.
 */
export function DayChart({ title, days, series }: { title: string; days: string[]; series: Series[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    let cleanup = () => undefined as void;
    void loadUplot().then((uPlot) => {
      if (cancelled) return;
      cleanup = draw(uPlot, el);
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [days, series]);

  const draw = (uPlot: typeof UPlot, el: HTMLDivElement) => {
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2 }))],
        axes: [{}, { size: 48 }],
        legend: { show: true },
      },
      [xs, ...series.map((s) => s.values)],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  };
  /** The chart as a PNG file, drawn from uPlot's own canvas. */
  const savePng = () => {
    const canvas = box.current?.querySelector('canvas');
    canvas?.toBlob((blob) => {
      if (!blob) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${title.replace(/[^\w-]+/g, '-').toLowerCase()}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }, 'image/png');
  };
  return (
    <figure class="chart">
      <figcaption>
        {title}{' '}
        <button type="button" class="link" onClick={savePng}>
          PNG
        </button>
      </figcaption>
      <div ref={box} aria-hidden="true" />
      <table class="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d, i) => (
            <tr key={d}>
              <th scope="row">{d}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
