/**
 * Charts of the annual report, drawn in the main process without a browser: Vega-Lite spec → Vega
 * view with the headless renderer → SVG → PNG with resvg (Rust, prebuilt binary, no download at run
 * time). Fonts: resvg reads the system's fonts (Liberation Sans / DejaVu Sans on Linux, Arial on
 * Windows and macOS); nothing is downloaded or embedded.
 *
 * Print and greyscale: every bar and point carries its value as text, categories are named on the
 * axis, the 72-hour line is labelled, late bars are hatched as well as darker, and the palette is
 * chosen to stay distinct in greyscale — colour is never the only carrier of meaning.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface Chart {
  id: string;
  title: string;
  svg: string;
  png: Uint8Array;
  /** Pixel size of the PNG at 1×; the PNG itself is rendered at 2× for print. */
  width: number;
  height: number;
}

const FONT = 'Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif';
const INK = '#1f2d3d';
const BAR = '#2f5d8a';
const LATE = '#111111';

const baseConfig = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, labelColor: INK, titleColor: INK, gridColor: '#d9d9d9', domainColor: '#888', tickColor: '#888' },
  title: { fontSize: 13, color: INK, anchor: 'start' as const, fontWeight: 'bold' as const },
  legend: { labelFontSize: 11, titleFontSize: 11 },
};

async function render(id: string, title: string, spec: TopLevelSpec): Promise<Chart> {
  const vgSpec = compile({ ...spec, config: { ...baseConfig, ...(spec as { config?: object }).config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  let svg = await view.toSVG();
  view.finalize();
  svg = addHatchPattern(svg);
  const widthMatch = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const heightMatch = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg);
  const width = Math.round(Number(widthMatch?.[1] ?? 600));
  const height = Math.round(Number(heightMatch?.[1] ?? 300));
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  })
    .render()
    .asPng();
  return { id, title, svg, png: new Uint8Array(png), width, height };
}

/**
 * Vega has no fill patterns; bars whose colour is LATE get diagonal hatching added to the SVG so a
 * late notification reads as such in greyscale too.
 */
function addHatchPattern(svg: string): string {
  if (!svg.includes(`fill="${LATE}"`)) return svg;
  const defs = `<defs><pattern id="late-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#555555"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>`;
  return svg.replace(/(<svg[^>]*>)/, `$1${defs}`).replaceAll(`fill="${LATE}"`, 'fill="url(#late-hatch)"');
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, one per category, value written at the end of each bar. */
export function barChart(id: string, title: string, bars: readonly Bar[], opts: { unit?: string; width?: number } = {}): Promise<Chart> {
  const values = bars.map((b) => ({ ...b, text: `${b.value}${opts.unit ?? ''}` }));
  const max = Math.max(1, ...bars.map((b) => b.value));
  return render(id, title, {
    title,
    width: opts.width ?? 420,
    height: Math.max(60, bars.length * 26),
    data: { values },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 300 } },
      x: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, max * 1.15] }, axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      { mark: { type: 'bar', color: BAR, height: 16 } },
      { mark: { type: 'text', align: 'left', dx: 4, color: INK, fontSize: 11 }, encoding: { text: { field: 'text' } } },
    ],
  } as TopLevelSpec);
}

export interface MonthPoint {
  month: string;
  value: number | null;
}

/** One bar per month (e.g. requests received), value above each bar; empty months show 0. */
export function monthlyBars(id: string, title: string, points: readonly MonthPoint[], opts: { axisTitle?: string; monthLabels: string[] }): Promise<Chart> {
  // A month without a value (e.g. no answer, so no median) shows no bar and no "0": nothing to measure.
  const values = points.map((p, i) => ({ month: opts.monthLabels[i] ?? p.month, value: p.value }));
  const max = Math.max(1, ...values.map((v) => v.value ?? 0));
  return render(id, title, {
    title,
    width: 520,
    height: 180,
    data: { values },
    encoding: {
      x: { field: 'month', type: 'ordinal', sort: null, title: null, scale: { domain: values.map((v) => v.month) }, axis: { labelAngle: points.length > 8 ? -40 : 0 } },
      y: { field: 'value', type: 'quantitative', title: opts.axisTitle ?? null, scale: { domain: [0, max * 1.2] }, axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      { mark: { type: 'bar', color: BAR, width: { band: 0.7 } } },
      { mark: { type: 'text', baseline: 'bottom', dy: -3, color: INK, fontSize: 11 }, encoding: { text: { field: 'value', type: 'quantitative' } } },
    ],
  } as TopLevelSpec);
}

/**
 * A line per month with labelled points (e.g. on-time rate in %), months without a value left as a
 * gap; an optional target line is drawn dashed and named.
 */
export function monthlyLine(id: string, title: string, points: readonly MonthPoint[], opts: { monthLabels: string[]; unit?: string; max?: number; target?: { value: number; label: string } }): Promise<Chart> {
  const values = points.map((p, i) => ({ month: opts.monthLabels[i] ?? p.month, value: p.value, text: p.value === null ? '' : `${Math.round(p.value)}${opts.unit ?? ''}` }));
  const max = opts.max ?? Math.max(1, ...values.map((v) => v.value ?? 0)) * 1.2;
  const x = { field: 'month', type: 'ordinal', sort: null, title: null, scale: { domain: values.map((v) => v.month) }, axis: { labelAngle: points.length > 8 ? -40 : 0 } };
  const layers: object[] = [
    { mark: { type: 'line', color: BAR, strokeWidth: 2, point: { filled: true, size: 50, color: BAR } }, encoding: { x, y: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, max] } } } },
    { mark: { type: 'text', baseline: 'bottom', dy: -6, color: INK, fontSize: 11 }, encoding: { x, y: { field: 'value', type: 'quantitative' }, text: { field: 'text' } } },
  ];
  if (opts.target) {
    layers.push({ data: { values: [{ t: opts.target.value, label: opts.target.label }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#555' }, encoding: { y: { field: 't', type: 'quantitative' } } });
    layers.push({ data: { values: [{ t: opts.target.value, label: opts.target.label }] }, mark: { type: 'text', align: 'right', baseline: 'top', dy: 4, x: { expr: 'width' }, color: '#333', fontSize: 10 }, encoding: { y: { field: 't', type: 'quantitative' }, text: { field: 'label' } } });
  }
  return render(id, title, {
    title,
    width: 520,
    height: 170,
    data: { values },
    layer: layers,
  } as TopLevelSpec);
}

/** Hours from awareness to notification per breach, against the legal limit (a labelled line); late bars hatched. */
export function hoursToNotifyChart(id: string, title: string, rows: ReadonlyArray<{ reference: string; hours: number; late: boolean }>, limit: number, limitLabel: string, lateLabel: string): Promise<Chart> {
  const values = rows.map((r) => ({ ...r, text: `${r.hours} h${r.late ? ` — ${lateLabel}` : ''}`, fill: r.late ? LATE : BAR }));
  const max = Math.max(limit * 1.25, ...rows.map((r) => r.hours * 1.3));
  return render(id, title, {
    title,
    width: 420,
    height: Math.max(60, rows.length * 26),
    layer: [
      {
        data: { values },
        encoding: {
          y: { field: 'reference', type: 'nominal', sort: null, title: null },
          x: { field: 'hours', type: 'quantitative', title: 'h', scale: { domain: [0, max] } },
        },
        layer: [
          { mark: { type: 'bar', height: 16 }, encoding: { color: { field: 'fill', type: 'nominal', scale: null, legend: null } } },
          { mark: { type: 'text', align: 'left', dx: 4, color: INK, fontSize: 11 }, encoding: { text: { field: 'text' } } },
        ],
      },
      { data: { values: [{ limit }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5 }, encoding: { x: { field: 'limit', type: 'quantitative' } } },
      { data: { values: [{ limit, label: limitLabel }] }, mark: { type: 'text', align: 'left', dx: 3, y: -6, color: '#333', fontSize: 10 }, encoding: { x: { field: 'limit', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  } as TopLevelSpec);
}
