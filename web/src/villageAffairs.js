// 村务公开、财务公开: helpers shared by the public pages and the workbench desk. Kept out of labels.js so that the
// portal's first load does not carry them.
import { api } from './api.js'
import { chinaDay } from './disclosure.js'
import { VILLAGE_AFFAIR_CATEGORIES, VILLAGE_AFFAIR_KINDS } from './labels.js'

// Today and this year as the server counts them (China time): periods end and fall due by China's calendar.
export const chinaToday = () => chinaDay(Date.now())
export const chinaYear = () => Number(chinaToday().slice(0, 4))

// The years a village's duties may be asked for: this one and the five before.
export function dutyYears() {
  const y = chinaYear()
  return Array.from({ length: 6 }, (_, i) => y - i)
}

let subjectsLoading = null

// The finance subjects come from the accounting rules of collective economies and change only with a release.
export function financeSubjects() {
  subjectsLoading ||= api('/api/v1/village-affairs/subjects').then(
    (r) => r.items,
    (e) => {
      subjectsLoading = null // a failed load is tried again on the next page
      throw e
    },
  )
  return subjectsLoading
}

// Amounts are whole fen in the API and yuan on the page: 123450 → '1,234.50 元'.
export function yuan(fen, unit = true) {
  const abs = Math.abs(fen)
  const text = `${fen < 0 ? '-' : ''}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`
  return unit ? `${text} 元` : text
}

// What a user types in yuan ('1,234.5', '-20', '300元') as fen; NaN when it is not an amount with at most two
// decimals. Worked on the digits, not on floats, so 0.29 stays 29 fen.
export function parseYuan(text, { negative = false } = {}) {
  const s = String(text ?? '').replace(/[,，\s]|元$/g, '')
  const m = (negative ? /^(-?)(\d{1,10})(?:\.(\d{1,2}))?$/ : /^()(\d{1,10})(?:\.(\d{1,2}))?$/).exec(s)
  if (!m) return NaN
  const fen = Number(m[2]) * 100 + Number((m[3] || '').padEnd(2, '0'))
  return m[1] ? -fen : fen
}

// Fen as a form prefills it: 123450 → '1234.50'.
export const yuanInput = (fen) => yuan(fen, false).replace(/,/g, '')

// The kinds as a filter's short labels (labels.js adds how often each is due).
export const KIND_NAMES = { ordinary: '一般事项', major: '重大事项', finance: '财务收支' }

const QUARTER_NAMES = ['一', '二', '三', '四']

// A period is a month (2026-10) or a quarter (2026-Q3); its first and last days.
export function periodRange(period) {
  const [y, part] = period.split('-')
  const [first, last] = part.startsWith('Q') ? [(part[1] - 1) * 3 + 1, part[1] * 3] : [Number(part), Number(part)]
  const end = new Date(Date.UTC(Number(y), last, 0)).getUTCDate()
  const mm = (m) => String(m).padStart(2, '0')
  return { from: `${y}-${mm(first)}-01`, to: `${y}-${mm(last)}-${end}` }
}

// 2026-Q3 → 2026年第三季度, 2026-10 → 2026年10月.
export function periodLabel(period) {
  if (!period) return ''
  const [y, part] = period.split('-')
  return part.startsWith('Q') ? `${y}年第${QUARTER_NAMES[part[1] - 1]}季度` : `${y}年${Number(part)}月`
}

// The same without the year, for a row of one year's periods: 三季度, 10月.
export function periodShort(period) {
  const part = period.split('-')[1]
  return part.startsWith('Q') ? `${QUARTER_NAMES[part[1] - 1]}季度` : `${Number(part)}月`
}

// A period is over once its last day has passed; only then may its accounts be posted.
export const periodEnded = (period, today = chinaToday()) => periodRange(period).to < today

// The closing balance this period must open with: the latest posted accounts that ended before it starts (the
// cadence may have changed in between, so by dates rather than by the period's name).
export function previousClosing(posted, period) {
  const start = periodRange(period).from
  let best = null
  for (const p of posted)
    if (p.period && periodRange(p.period).to < start && (!best || periodRange(p.period).to > periodRange(best.period).to)) best = p
  return best
}

// What an item is about, in one line: its kind with the period or the date of decision.
export function itemWhen(item) {
  if (item.kind === 'major') return `${item.decided_on} 决定`
  return periodLabel(item.period)
}

export function itemKind(item) {
  const kind = VILLAGE_AFFAIR_KINDS[item.kind] || item.kind
  return item.category ? `${kind} · ${VILLAGE_AFFAIR_CATEGORIES[item.category] || item.category}` : kind
}

// A village's overdue duties in words: 财务收支 1 期、重大事项 1 项; empty when nothing is overdue.
export function overdueText(overdue) {
  const parts = []
  if (overdue?.ordinary) parts.push(`一般事项 ${overdue.ordinary} 期`)
  if (overdue?.finance) parts.push(`财务收支 ${overdue.finance} 期`)
  if (overdue?.major) parts.push(`重大事项 ${overdue.major} 项`)
  return parts.join('、')
}

// The town of a village, from the path the API gives (/county/town/village/).
export function townIdOf(duties) {
  const ids = (duties.region_path || '').split('/').filter(Boolean).map(Number)
  return ids.length >= 2 ? ids[ids.length - 2] : null
}

// The villages an account keeps the affairs of, by its admin and staff grants over regions: a town's grant covers
// its villages, a county's every town's. Returns the towns to choose from, each with its villages; a department's
// grant covers none (the server refuses them too).
export function keptTowns(roles, regions) {
  const towns = new Map()
  const add = (town, villages) => {
    const t = towns.get(town.id) || { ...town, villages: [] }
    for (const v of villages) if (!t.villages.some((x) => x.id === v.id)) t.villages.push(v)
    towns.set(town.id, t)
  }
  const childrenOf = (id, level) => regions.filter((r) => r.parent_id === id && r.level === level)
  for (const g of roles) {
    if (!['admin', 'staff'].includes(g.role) || g.department_id || !g.region_id) continue
    const here = regions.find((r) => r.id === g.region_id)
    if (!here) continue
    if (here.level === 'county') for (const t of childrenOf(here.id, 'town')) add(t, childrenOf(t.id, 'village'))
    else if (here.level === 'town') add(here, childrenOf(here.id, 'village'))
    else if (here.level === 'village') {
      const town = regions.find((r) => r.id === here.parent_id)
      if (town) add(town, [here])
    }
  }
  return [...towns.values()].filter((t) => t.villages.length)
}
