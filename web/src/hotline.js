// 12345 热线: helpers shared by the public pages (filing, tracking, the kiosk) and the staff desks. The names of the
// API's enums are in labels.js; what is here loads only with the hotline's own chunks.
import { api } from './api.js'
import { EVENT_TYPES, TICKET_KINDS } from './labels.js'
import { useRegions } from './stores/regions.js'

// Loaded once per visit and dropped on failure, so a later page tries again.
function once(load) {
  let p = null
  return () =>
    (p ||= load().catch((e) => {
      p = null
      throw e
    }))
}

// The deadline of each kind ({ consult: { amount, unit } }), as the center set them; asked again after the center
// changes one (`fresh`).
let deadlinesLoading = null
export function ticketDeadlines(fresh = false) {
  if (fresh) deadlinesLoading = null
  deadlinesLoading ||= api('/api/v1/tickets/deadlines').then(
    (r) => Object.fromEntries(r.items.map((d) => [d.kind, d])),
    (e) => {
      deadlinesLoading = null
      throw e
    },
  )
  return deadlinesLoading
}

// The linkage center's department ({ department_id, name }); department_id is null until one is named.
export const hotlineCenter = once(() => api('/api/v1/tickets/center'))

// Every department (the dispatch's choices, and the names of co-handlers, which the ticket gives by id only).
export const departmentList = once(async () => (await api('/api/v1/departments')).items)

// Photos and scans with a ticket, as AttachmentUpload's props: the hotline's own store, which takes them from anyone
// (the citizen files without an account), and only what a clerk can open anywhere, at most 5 to a ticket.
export const TICKET_FILES = {
  url: '/api/v1/tickets/attachments',
  accept: '.jpg,.jpeg,.png,.pdf',
  max: 5,
  hint: 'JPEG、PNG 图片或 PDF，最多 5 个，每个不超过 10 MB',
}

export function deadlineText(d) {
  if (!d) return ''
  return d.unit === 'hours' ? `${d.amount} 小时` : `${d.amount} 个工作日`
}

// What the citizen is told about the clock: it starts when the ticket is dispatched, not when it is filed.
export function deadlineRule(kind, deadlines) {
  const d = deadlines?.[kind]
  return d ? `${TICKET_KINDS[kind]}类诉求自派单之日起 ${deadlineText(d)}内办理答复` : ''
}

// A moment of the API (UTC text) as people in the county read it: 2026/05/01 09:30.
export function chinaTime(t) {
  if (!t) return ''
  const d = new Date(t)
  if (Number.isNaN(d.getTime())) return t
  return d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
}

// Ticket numbers are printed as 12345-20261204-0007; people type them with or without the dashes (the kiosk's
// keypad has none), so the digits are put back into that shape.
export function normalTicketNo(typed) {
  const s = String(typed || '').trim()
  const digits = s.replace(/\D/g, '')
  if (/^12345\d{9,}$/.test(digits) && !/[^\d\s-]/.test(s)) return `12345-${digits.slice(5, 13)}-${digits.slice(13)}`
  return s.toUpperCase()
}

export function stepLabel(step) {
  return EVENT_TYPES[`ticket.${step.kind}`] || step.kind
}

// What a step's note holds, to label it.
export const STEP_NOTES = {
  rejected: '理由',
  dispatched: '派单意见',
  returned: '退回理由',
  noted: '办理情况',
  extension_requested: '延期理由',
  extension_approved: '审批意见',
  extension_rejected: '驳回理由',
  called_back: '回访记录',
  reopened: '重办理由',
  escalated: '督办意见',
}

// The towns of the county, each with its villages (for the place picker and the dispatch to a town), from the
// cached region list.
export async function townsWithVillages() {
  const all = await useRegions().list()
  return all
    .filter((r) => r.level === 'town')
    .map((t) => ({ ...t, villages: all.filter((r) => r.parent_id === t.id) }))
}

// The county's region ids (regions without a parent): a grant there covers the whole county.
async function countyIds() {
  return new Set((await useRegions().list()).filter((r) => r.parent_id === null).map((r) => r.id))
}

// Whether the account works the center's console, as the server decides: the center department's staff and
// admins, and the admins and staff over the whole county.
export async function worksCenter(roles) {
  const grants = (roles || []).filter((g) => ['admin', 'staff'].includes(g.role))
  if (!grants.length) return false
  const center = await hotlineCenter()
  if (center.department_id && grants.some((g) => g.department_id === center.department_id)) return true
  const counties = await countyIds()
  return grants.some((g) => g.region_id && counties.has(g.region_id))
}

// The inboxes an account handles: one per grant of staff or admin, a department's or a region's (a town's; a
// county-wide grant sees every dispatched ticket and may act on any, as the server allows).
export function inboxScopes(roles, regions) {
  const counties = new Set((regions || []).filter((r) => r.parent_id === null).map((r) => r.id))
  return (roles || [])
    .filter((g) => ['admin', 'staff'].includes(g.role) && (g.department_id || g.region_id))
    .map((g) => ({
      key: String(g.id),
      label: g.scope_name,
      grant: g,
      county: !g.department_id && counties.has(g.region_id),
      query: g.department_id ? { department_id: g.department_id } : { region_id: g.region_id },
    }))
}

// Whether a ticket is this scope's to handle (the main assignee), rather than one it only co-handles.
export function assignedTo(ticket, scope) {
  if (!scope) return false
  const g = scope.grant
  if (g.department_id) return ticket.assignee_department_id === g.department_id
  if (scope.county) return Boolean(ticket.assignee_department_id || ticket.assignee_region_id)
  return ticket.assignee_region_id === g.region_id
}

// The moves that take a text (and perhaps days or hours), as HotlineMoveDialog shows them.
export const MOVES = {
  complete: {
    path: 'complete',
    title: '办结',
    button: '确认办结',
    intro: '确认承办单位的答复已回应群众的诉求。办结后回访群众，或由群众在线评价。',
  },
  reject: {
    path: 'reject',
    title: '不予受理',
    button: '确认不予受理',
    intro: '不属于热线受理范围的（如应通过诉讼、仲裁、信访等途径解决的），说明理由；群众查询时可以看到。',
    text: { field: 'reason', label: '不予受理的理由', max: 500, required: true },
  },
  answer: {
    path: 'answer',
    title: '直接答复',
    button: '答复并办结',
    intro: '能依据知识库、政策口径当即答复的，直接答复并办结，不再派单。',
    text: { field: 'answer', label: '答复内容（群众查询时可以看到）', max: 2000, required: true, rows: 6 },
  },
  reopen: {
    path: 'reopen',
    title: '重办',
    button: '确认重办',
    intro: '回访不满意的诉求可以重办一次：重新派给原承办单位（由中心直接答复的退回待派单），重新计算办理时限。',
    text: { field: 'reason', label: '重办的理由', max: 500, required: true },
  },
  'extension-approve': {
    path: 'extension/approve',
    title: '批准延期',
    button: '批准延期',
    intro: '批准后，办理期限自原期限起顺延所申请的工作日数。',
    text: { field: 'note', label: '审批意见（可不填）', max: 500 },
  },
  'extension-reject': {
    path: 'extension/reject',
    title: '驳回延期',
    button: '驳回延期',
    intro: '驳回后，承办单位仍须在原期限内答复。',
    text: { field: 'note', label: '驳回的理由（可不填）', max: 500 },
  },
  escalate: {
    path: 'escalate',
    title: '督办',
    button: '确认督办',
    intro: '督办给出更严格的期限：未逾期的，新期限须早于原期限；已逾期的，自现在起计算。承办单位的工单上标明“督办”。',
    hours: true,
    text: { field: 'note', label: '督办意见', max: 500, required: true },
  },
  return: {
    path: 'return',
    title: '退回',
    button: '确认退回',
    intro: '不属于本单位职责的，说明理由退回热线受理中心重新派单。签收后不能退回。',
    text: { field: 'reason', label: '退回的理由', max: 500, required: true },
  },
  note: {
    path: 'note',
    title: '记录办理情况',
    button: '记录',
    intro: '记录现场核实、协调处理等进展，热线受理中心可以看到。',
    text: { field: 'note', label: '办理情况', max: 1000, required: true },
  },
  reply: {
    path: 'reply',
    title: '答复',
    button: '提交答复',
    intro: '答复送热线受理中心审核办结，群众查询时可以看到答复全文。',
    text: { field: 'reply', label: '答复内容', max: 2000, required: true, rows: 6 },
  },
  extension: {
    path: 'extension',
    title: '申请延期',
    button: '提交延期申请',
    intro: '确需延期的，在办理期限内提出，由热线受理中心批准。',
    days: true,
    text: { field: 'reason', label: '延期的理由', max: 500, required: true },
  },
}
