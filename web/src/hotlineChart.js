// ECharts for the hotline's figures, imported lazily (like the ledger's) so that neither the portal's first load nor
// the hotline page carries the library; only the pieces the two charts use are registered.
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { monthLabel } from './hotlineFigures.js'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

// The site's own colours (base.css), dark enough to read against white.
const BRAND = '#1d4f91'
const GREEN = '#1e6b3a'
const RED = '#b3261e'
const TEXT = { color: '#1f2329' }

function mount(el, option) {
  const chart = echarts.init(el, null, { renderer: 'canvas' })
  chart.setOption({ textStyle: TEXT, ...option })
  const resize = () => chart.resize()
  window.addEventListener('resize', resize)
  return () => {
    window.removeEventListener('resize', resize)
    chart.dispose()
  }
}

// 12月, 1月, …: the year is written on the first month and on each January, where it changes.
function axisMonths(trend) {
  return trend.map((t, i) => (i === 0 || t.month.endsWith('-01') ? monthLabel(t.month) : monthLabel(t.month).replace(/^\d+年/, '')))
}

// Twelve months: the counts on the left axis, the satisfaction rate (percent) on the right.
export function renderTrend(el, trend) {
  return mount(el, {
    grid: { left: 48, right: 56, top: 48, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: TEXT },
    xAxis: { type: 'category', data: axisMonths(trend), axisLabel: { color: TEXT.color, hideOverlap: true } },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1, axisLabel: { color: TEXT.color } },
      { type: 'value', name: '%', min: 0, max: 100, axisLabel: { color: TEXT.color }, splitLine: { show: false } },
    ],
    series: [
      { name: '受理量', type: 'line', data: trend.map((t) => t.filed), color: BRAND, symbolSize: 6 },
      { name: '办结', type: 'line', data: trend.map((t) => t.resolved), color: GREEN, symbolSize: 6 },
      {
        name: '满意率',
        type: 'line',
        yAxisIndex: 1,
        data: trend.map((t) => t.satisfaction_rate),
        color: RED,
        lineStyle: { type: 'dashed' },
        symbolSize: 6,
        connectNulls: false,
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
      },
    ],
  })
}

// The month's tickets by kind: how many came in and how many are done.
export function renderKinds(el, rows) {
  return mount(el, {
    grid: { left: 48, right: 16, top: 48, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: TEXT },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { color: TEXT.color } },
    yAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { color: TEXT.color } },
    series: [
      { name: '受理量', type: 'bar', data: rows.map((r) => r.filed), color: BRAND, barMaxWidth: 32 },
      { name: '办结', type: 'bar', data: rows.map((r) => r.resolved), color: GREEN, barMaxWidth: 32 },
    ],
  })
}
