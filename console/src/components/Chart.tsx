// A line chart of time series (chart.js, bundled — no CDN). Points are { t: epoch ms, v: value or
// null for a gap }. The canvas carries an aria-label; pass a translated `label`. Lines are drawn
// without dots, except where a line cannot show a value: a series with few points, and a point
// standing alone between gaps, get a dot. The time axis runs from the first point to the last (not
// to rounded-out bounds); `min`/`max` (epoch ms) pin it to the window asked for instead.
import { CategoryScale, Chart as ChartJs, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'
import { useEffect, useRef } from 'react'
import { useT } from '../i18n/index.ts'
import { pointRadii } from './chart-points.ts'

ChartJs.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler)

export interface Series {
  label: string
  points: Array<{ t: number; v: number | null }>
}

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2']

export function Chart({ label, series, unit = '', min, max }: { label: string; series: Series[]; unit?: string; min?: number; max?: number }) {
  const t = useT()
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (!canvas.current) return
    const locale = t.lang === 'zh' ? 'zh-CN' : 'en'
    const times = series.flatMap((s) => s.points.map((p) => p.t))
    const from = min ?? (times.length ? times.reduce((a, b) => Math.min(a, b)) : undefined)
    const to = max ?? (times.length ? times.reduce((a, b) => Math.max(a, b)) : undefined)
    const time = new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    const chart = new ChartJs(canvas.current, {
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.points.map((p) => ({ x: p.t, y: p.v })),
          borderColor: COLOURS[i % COLOURS.length],
          backgroundColor: COLOURS[i % COLOURS.length],
          pointRadius: pointRadii(s.points),
          pointHoverRadius: 4,
          spanGaps: false,
          tension: 0.2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { type: 'linear', min: from, max: to, ticks: { callback: (value) => time.format(Number(value)), maxTicksLimit: 6 } },
          y: { beginAtZero: true, ticks: { callback: (value) => `${value}${unit}` } },
        },
        plugins: { tooltip: { callbacks: { title: (items) => time.format(Number(items[0]?.parsed.x ?? 0)) } } },
      },
    })
    return () => chart.destroy()
  }, [series, unit, t, min, max])
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  )
}
