// 政府信息公开工作年度报告: names and helpers shared by the public report page and the workbench's input form. The
// report's layout follows 国办公开办函〔2021〕30号; the server gives the figures and the labels, these helpers lay the
// tables out with the format's merged cells.
import { chinaToday } from './infoRequests.js'

// The year as counted in the county (the server dates requests in China time).
export const chinaYear = () => Number(chinaToday().slice(0, 4))

// The years a report may be asked for: this year back to 2008, the first year of the Regulations' reports.
export function reportYears() {
  const years = []
  for (let y = chinaYear(); y >= 2008; y--) years.push(y)
  return years
}

// Reports are published early in the year for the year before.
export const defaultReportYear = () => chinaYear() - 1

// An organ key ('d:6', 'r:1') as the API's query (department_id or region_id), and back from a route's query.
export function organQuery(key) {
  if (key?.startsWith('d:')) return { department_id: key.slice(2) }
  if (key?.startsWith('r:')) return { region_id: key.slice(2) }
  return {}
}
export function organKey(query) {
  if (query.department_id) return `d:${query.department_id}`
  if (query.region_id) return `r:${query.region_id}`
  return ''
}

export function reportUrl(year, key, format) {
  const q = new URLSearchParams(organQuery(key))
  if (format) q.set('format', format)
  return `/api/v1/annual-reports/${year}?${q}`
}

export function inputsUrl(year, key) {
  return `/api/v1/annual-reports/${year}/inputs?${new URLSearchParams(organQuery(key))}`
}

// Section 4's five columns, as the inputs name them, in the format's order.
export const REVIEW_FIELDS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
]

export const REVIEW_GROUPS = [
  { key: 'review', label: '行政复议' },
  { key: 'lawsuit_direct', label: '行政诉讼·未经复议直接起诉' },
  { key: 'lawsuit_after_review', label: '行政诉讼·复议后起诉' },
]

// What an input is called on paper, for the server's messages that name a field: review.total → 行政复议 (the
// messages on a group's figures say which figure).
const FIELD_LABELS = {
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  other_matters: '六、其他需要报告的事项',
  penalties: '行政处罚',
  enforcement: '行政强制',
  fees_wan: '行政事业性收费',
}
export function fieldLabel(field) {
  if (!field) return ''
  const root = field.split('.')[0]
  return REVIEW_GROUPS.find((g) => g.key === root)?.label || FIELD_LABELS[root] || ''
}

// Section 3's header: the corner cell over three rows; 申请人情况 over every column; a column without a group over
// two rows; a group (法人或其他组织) over its columns. `span` is the width of the row labels (the deepest nesting).
export function applicantHeader(columns) {
  const top = []
  const sub = []
  for (const c of columns) {
    if (!c.group) top.push({ key: c.key, label: c.label, rowspan: 2, colspan: 1 })
    else {
      const last = top[top.length - 1]
      if (last && last.group === c.group) last.colspan++
      else top.push({ key: `group:${c.group}`, group: c.group, label: c.group, rowspan: 1, colspan: 1 })
      sub.push({ key: c.key, label: c.label })
    }
  }
  return { top, sub }
}

// Section 3's rows as the format draws them: a heading without figures (三、本年度办理结果, （三）不予公开) is a cell
// spanning the rows under it, to their left; a row with figures spans the label columns its nesting leaves free.
// Returns { span, lines: [{ row, heads: [{ row, rowspan }], colspan }] }, one line per row with figures (and per
// heading with nothing under it, left blank).
export function applicantRows(rows) {
  const span = Math.max(...rows.map((r) => r.level)) + 1
  const lines = []
  let heads = []
  rows.forEach((row, i) => {
    if (row.cells === null) {
      let n = 0
      for (let j = i + 1; j < rows.length && rows[j].level > row.level; j++) if (rows[j].cells !== null) n++
      if (n) {
        heads.push({ row, rowspan: n })
        return
      }
    }
    lines.push({ row, heads, colspan: span - row.level })
    heads = []
  })
  return { span, lines }
}

// Section 4's header: 行政复议 over its five columns (two rows high); 行政诉讼 over its two kinds, each over five.
export function reviewHeader(groups, width) {
  const top = []
  const sub = []
  for (const g of groups) {
    const [main, kind] = g.label.split('·')
    if (!kind) top.push({ key: g.key, label: main, rowspan: 2, colspan: width })
    else {
      const last = top[top.length - 1]
      if (last && last.label === main && last.rowspan === 1) last.colspan += width
      else top.push({ key: `group:${main}`, label: main, rowspan: 1, colspan: width })
      sub.push({ key: g.key, label: kind, colspan: width })
    }
  }
  return { top, sub }
}
