// 12345 热线月度数据: the month shown (in the address, ?month=YYYY-MM, so a link or a reload keeps it), and the
// helpers the public page and the center's and supervisors' dashboards share.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { api } from './api.js'

// The server counts months in Beijing time; the reader's clock may be elsewhere.
export function thisMonth() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(new Date())
  const get = (t) => parts.find((p) => p.type === t).value
  return `${get('year')}-${get('month')}`
}

export function monthLabel(m) {
  const [y, mm] = String(m).split('-')
  return `${y}年${Number(mm)}月`
}

// The month before or after, as YYYY-MM.
export function shiftMonth(m, by) {
  const [y, mm] = m.split('-').map(Number)
  const d = new Date(Date.UTC(y, mm - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

// The months offered in the picker: this one and the three years before it (the API goes back to 2000, but no
// one reads a hotline's figures that old from a list).
export function recentMonths(count = 36) {
  const now = thisMonth()
  return Array.from({ length: count }, (_, i) => shiftMonth(now, -i))
}

// A rate as the API gives it (percent, one decimal, or null when nothing was there to count).
export function rateText(r) {
  return r === null || r === undefined ? '—' : `${Number(r).toFixed(1)}%`
}

export const RATES = [
  { key: 'response_rate', label: '响应率', hint: '已签收或当即答复的占受理量' },
  { key: 'on_time_rate', label: '按时办结率', hint: '已到期或已答复的诉求中按期答复的' },
  { key: 'resolution_rate', label: '办结率', hint: '已办结的占受理量' },
  { key: 'satisfaction_rate', label: '满意率', hint: '满意和基本满意的占已评价的' },
]

export const ticketFigures = (month) => api(`/api/v1/tickets/figures?month=${encodeURIComponent(month)}`)
export const deskFigures = (month) => api(`/api/v1/tickets/figures/desk?month=${encodeURIComponent(month)}`)

// The month the page shows, read from and written to the address; a malformed or future one falls back to this
// month rather than asking the server for a 422.
export function useFiguresMonth() {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get: () => {
      const m = String(route.query.month || '')
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(m) && m <= thisMonth() ? m : thisMonth()
    },
    set: (m) => router.replace({ path: route.path, query: { ...route.query, month: m === thisMonth() ? undefined : m } }),
  })
}
