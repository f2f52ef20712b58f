// 依申请公开: names and helpers shared by the public pages (filing, tracking) and the workbench desk. Kept out of
// labels.js so that the portal's first load does not carry them.
import { api } from './api.js'
import { governmentOf } from './disclosure.js'

export const INFO_REQUEST_STATES = {
  received: '办理中',
  awaiting_supplement: '待补正',
  consulting: '征求意见中',
  replied: '已答复',
}

// 第四十二条: the rule and its one exception, as every page about requests states it.
export const REQUEST_FEES =
  '依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以依照《政府信息公开信息处理费管理办法》收取信息处理费（第四十二条）。'

// While the clock stops, the deadline shown is the one before the pause: it moves when the clock runs again.
export const PAUSED_CLOCK = {
  awaiting_supplement: '等待补正期间暂停计算，自收到补正之日起重新计算',
  consulting: '征求意见期间暂停计算，期限相应顺延',
}

// A tracking number as typed (lower case, spaces, with or without YSQ- and the dashes) in the form issued:
// YSQ-<organ code>-<year>-<serial>. Typed without dashes, the last eight characters are the year and the serial.
export function normalTrackingNo(typed) {
  let s = typed.toUpperCase().replace(/\s/g, '').replace(/^YSQ-?/, '')
  if (!s.includes('-')) {
    const m = /^([A-Z0-9]+)(\d{4})(\d{4})$/.exec(s)
    if (m) s = `${m[1]}-${m[2]}-${m[3]}`
  }
  return `YSQ-${s}`
}

// The applicant's category as the annual report counts them: a person, or one of five kinds of organisation.
export const APPLICANT_TYPES = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他组织',
}

export const INFO_REQUEST_DELIVERIES = {
  online: '网上查看',
  email: '电子邮件',
  post: '邮政寄递',
  pickup: '自行领取',
}

export const INFO_REQUEST_CHANNELS = { online: '在线提出', letter: '信函', in_person: '当面提出' }

// One step of the handling, and what its note holds (a letter to the applicant, the organ's own record, or a text
// the applicant sent).
export const STEP_KINDS = {
  filed: '收到申请',
  supplement_requested: '告知补正',
  supplement_received: '收到补正',
  consultation_started: '征求意见',
  consultation_closed: '征求意见结束',
  extension_requested: '申请延长答复期限',
  extension_approved: '延长答复期限',
  extension_rejected: '不批准延期',
  replied: '作出答复',
  delivered: '送达',
}

export const STEP_NOTES = {
  supplement_requested: '补正告知书',
  supplement_received: '补正内容',
  consultation_started: '征求意见对象',
  consultation_closed: '意见',
  extension_requested: '延期理由',
  extension_approved: '延期告知书',
  extension_rejected: '不批准的理由',
  replied: '答复书',
  delivered: '送达方式',
}

const FILED_BY_CHANNEL = { online: '在线提出申请', letter: '收到申请信函', in_person: '当面提出申请' }

export function stepLabel(step, channel) {
  if (step.kind === 'filed') return FILED_BY_CHANNEL[channel] || STEP_KINDS.filed
  return STEP_KINDS[step.kind] || step.kind
}

// The text of the newest step of a kind: the supplement notice the applicant must answer, for one.
export function latestNote(request, kind) {
  const found = (request.steps || []).filter((s) => s.kind === kind)
  return found.length ? found[found.length - 1].note : ''
}

let resultsLoading = null

// The reply types and their reasons (the rows of the annual report) change only with a release: asked once per visit.
export function replyResults() {
  resultsLoading ||= api('/api/v1/info-requests/results').then(
    (r) => r.items,
    (e) => {
      resultsLoading = null
      throw e
    },
  )
  return resultsLoading
}

// The organs a request may be addressed to, for the public form: the county's government and those of its towns
// (乡镇人民政府, 街道办事处), and the county's departments. Village committees are not organs under the Regulations.
export function requestOrgans(regions, departments) {
  const governments = regions
    .filter((r) => r.level === 'county' || r.level === 'town')
    .map((r) => ({ key: `r:${r.id}`, label: governmentOf(r), region_id: r.id }))
  const deps = departments.map((d) => ({ key: `d:${d.id}`, label: d.name, department_id: d.id }))
  return [
    { label: '人民政府（街道办事处）', organs: governments },
    { label: '政府部门', organs: deps },
  ].filter((g) => g.organs.length)
}

// The request body's organ: department_id or region_id, never both.
export function organRef(organ) {
  return organ.department_id ? { department_id: organ.department_id } : { region_id: organ.region_id }
}

// Today in China, as the API writes dates; and a day some days before.
export function chinaToday(daysBack = 0) {
  return new Date(Date.now() - daysBack * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}
