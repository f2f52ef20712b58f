// ECharts for the ledger page only, imported lazily and piece by piece so neither the portal's first
// load nor this page's first paint carries the whole library.
import * as echarts from 'echarts/core'
import { LineChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer])

// Returns a dispose function for the view's unmount.
export function renderGrowth(el, { labels, counts }, { color, name }) {
  const chart = echarts.init(el, null, { renderer: 'canvas' })
  chart.setOption({
    grid: { left: 64, right: 24, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name, type: 'line', data: counts, areaStyle: { opacity: 0.12 }, color, symbolSize: 6 }],
  })
  const resize = () => chart.resize()
  window.addEventListener('resize', resize)
  return () => {
    window.removeEventListener('resize', resize)
    chart.dispose()
  }
}
