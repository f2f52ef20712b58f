// 承包户名单 of a rights notice (确权登记结果公示): the rows as a village clerk pastes them from Excel or WPS, the
// checks the server makes of them (disclosure/households.cpp), their totals and their masking for the public.

export const MAX_HOUSEHOLDS = 2000

// The columns in the order a pasted row gives them, as the sheets of 确权登记 are laid out.
export const HOUSEHOLD_FIELDS = ['group', 'head', 'id_number', 'members', 'parcels', 'area_mu', 'note']
export const HOUSEHOLD_LABELS = {
  group: '村民小组',
  head: '户主',
  id_number: '身份证号',
  members: '人数',
  parcels: '地块数',
  area_mu: '面积（亩）',
  note: '备注',
}
// A pasted header row names its columns in words like these; 序号 and unknown columns are left out.
const HEADER_WORDS = [
  ['id_number', /身份证|证件/],
  ['head', /户主|姓名|承包方/],
  ['group', /小组|组别|组/],
  ['members', /人数|成员|人口/],
  ['area_mu', /面积|亩/],
  ['parcels', /地块|块数/],
  ['note', /备注|说明/],
]

let next = 0
export function emptyHousehold() {
  return { key: `h${next++}`, group: '', head: '', id_number: '', members: '', parcels: '', area_mu: '', note: '' }
}

// As the API gives a row (members and parcels as numbers) into the editor's row (everything as typed).
export function householdRow(h) {
  return {
    ...emptyHousehold(),
    group: h.group || '',
    head: h.head || '',
    id_number: h.id_number || '',
    members: h.members === undefined || h.members === null ? '' : String(h.members),
    parcels: h.parcels === undefined || h.parcels === null ? '' : String(h.parcels),
    area_mu: h.area_mu || '',
    note: h.note || '',
  }
}

// The editor's row as the API takes it. A count that is not a whole number is sent as typed: the server names it.
export function householdInput(r) {
  const count = (s) => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : s.trim())
  return {
    group: r.group.trim(),
    head: r.head.trim(),
    id_number: r.id_number.trim(),
    members: count(r.members),
    parcels: count(r.parcels),
    area_mu: r.area_mu.trim(),
    note: r.note.trim(),
  }
}

// Full-width digits, letters and points (typed with a Chinese input method) as ASCII.
function halfWidth(s) {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

// What a spreadsheet shows is tidied as a clerk would: a cell's line breaks as spaces, spaces out of numbers, an
// upper-case X, no "亩" or trailing zeros past the hundredths ("5.250" → "5.25").
export function tidy(field, value) {
  let v = halfWidth(value).trim()
  if (field === 'group' || field === 'head' || field === 'note') return v.replace(/\s+/g, ' ')
  if (field === 'id_number') return v.replace(/\s+/g, '').toUpperCase()
  if (field === 'members' || field === 'parcels') return v.replace(/\s+|[人户块个]$/g, '')
  if (field === 'area_mu') {
    v = v.replace(/\s+|亩$/g, '')
    const m = /^(\d+)(?:\.(\d*))?$/.exec(v)
    if (!m) return v
    const whole = m[1].replace(/^0+(?=\d)/, '')
    const part = (m[2] || '').replace(/0+$/, '')
    return part ? `${whole}.${part}` : whole
  }
  return v
}

// Tab-separated text as Excel and WPS copy it: a cell holding a tab, a line break or a quote comes in quotes,
// its quotes doubled.
function splitTsv(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === '\t') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''))
}

// Pasted text as rows for the editor: { rows, line, header } where line[i] is the pasted line of rows[i]
// (1-based, as the sheet numbers them from the first line copied) and header says a header row was recognised.
export function parseHouseholds(text) {
  const lines = splitTsv(text || '')
  let order = HOUSEHOLD_FIELDS
  let header = false
  let first = 0
  // A header row names its columns: they are read by name, whatever their order.
  if (lines.length && lines[0].some((c) => /户主|身份证/.test(c))) {
    order = lines[0].map((c) => HEADER_WORDS.find(([, word]) => word.test(c))?.[0] || null)
    header = true
    first = 1
  } else if (lines.length && lines.every((l) => l.length >= 8 && /^\d+$/.test(l[0].trim()))) {
    // A leading 序号 column, without a header to say so: every row one column longer and numbered.
    order = [null, ...HOUSEHOLD_FIELDS]
  }
  const rows = []
  const line = []
  for (let i = first; i < lines.length; i++) {
    const row = emptyHousehold()
    lines[i].forEach((cell, j) => {
      const field = order[j]
      if (field && row[field] === '') row[field] = tidy(field, cell)
    })
    rows.push(row)
    line.push(i + 1)
  }
  return { rows, line, header }
}

const chars = (s) => [...s].length

// Why a resident ID number is not valid (GB 11643: 17 digits with the birth date in them, and a check
// character), or '' when it is.
export function idNumberProblem(id) {
  if (!id) return '请填写身份证号码'
  if (id.length !== 18) return `身份证号码应为 18 位（现为 ${id.length} 位）`
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码只能是数字，最后一位可为 X'
  const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number)
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
    return '身份证号码中的出生日期不正确'
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((n, w, i) => n + w * Number(id[i]), 0)
  if ('10X98765432'[sum % 11] !== id[17]) return '身份证号码校验位不对，请核对是否抄错'
  return ''
}

// "5", "5.2" or "5.25", above zero and below 100,000 mu: the server's rule.
export const isArea = (s) => /^(0|[1-9]\d{0,4})(\.\d{1,2})?$/.test(s) && /[1-9]/.test(s)

// The problems of each row, by field: [{ id_number: '…' }, {}, …]. The same checks the server makes, all at once
// rather than the first one only; a number is the same as another row's is said on the later row.
export function householdProblems(rows) {
  const seen = new Map()
  return rows.map((r, i) => {
    const p = {}
    const count = (v, min, max, what) => {
      const s = v.trim()
      if (!s) return `请填写${what}`
      if (!/^\d+$/.test(s)) return `${what}应为整数`
      if (Number(s) < min || Number(s) > max) return `${what}应在 ${min} 至 ${max} 之间`
      return ''
    }
    if (chars(r.group.trim()) > 20) p.group = '村民小组不能超过 20 个字'
    if (!r.head.trim()) p.head = '请填写户主姓名'
    else if (chars(r.head.trim()) > 20) p.head = '户主姓名不能超过 20 个字'
    const id = r.id_number.trim()
    const idProblem = idNumberProblem(id)
    if (idProblem) p.id_number = idProblem
    else if (seen.has(id)) p.id_number = `与第 ${seen.get(id) + 1} 户的身份证号码相同`
    else seen.set(id, i)
    const members = count(r.members, 1, 50, '人数')
    if (members) p.members = members
    const parcels = count(r.parcels, 0, 999, '地块数')
    if (parcels) p.parcels = parcels
    const area = r.area_mu.trim()
    if (!area) p.area_mu = '请填写确权面积'
    else if (!isArea(area)) p.area_mu = '面积应为大于零的亩数，最多两位小数'
    if (chars(r.note.trim()) > 100) p.note = '备注不能超过 100 个字'
    return p
  })
}

// An area in hundredths of a mu, counted in whole numbers so that 0.1 + 0.2 is 0.3; NaN if not an area.
export function areaHundredths(s) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(s).trim())
  if (!m) return NaN
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
}

export function formatHundredths(n) {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`
}

// 户数, 人数合计, 地块合计 and 面积合计 (two decimals) of a list.
export function householdTotals(rows) {
  let members = 0
  let parcels = 0
  let area = 0
  for (const h of rows) {
    members += Number(h.members) || 0
    parcels += Number(h.parcels) || 0
    area += areaHundredths(h.area_mu) || 0
  }
  return { households: rows.length, members, parcels, area_mu: formatHundredths(area) }
}

// As the server masks them for the public (core/personal.cpp): the surname and a star for each further
// character; the first 6 and last 4 characters of the ID number. Masking a masked value changes nothing.
export function maskedName(name) {
  const c = [...(name || '')]
  return c.length ? c[0] + '*'.repeat(Math.max(c.length - 1, 1)) : ''
}

export function maskedIdNumber(id) {
  const s = id || ''
  if (s.length <= 10) return '*'.repeat(s.length)
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4)
}

// Whether the rows are as the public gets them (an organ's own staff get them in full).
export const householdsMasked = (rows) => rows.some((h) => h.id_number.includes('*'))
