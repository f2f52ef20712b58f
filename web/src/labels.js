// Chinese names for the API's enums, and the rule of which shell each role may open.
export const ROLE_NAMES = {
  admin: '管理员',
  staff: '工作人员',
  agent: '代办员',
  supervisor: '监督员',
  citizen: '群众',
}

export const SHELLS = [
  { key: 'portal', name: '门户', path: '/', roles: null },
  { key: 'workbench', name: '工作台', path: '/workbench', roles: ['admin', 'staff', 'agent'] },
  { key: 'supervision', name: '监督', path: '/supervision', roles: ['supervisor'] },
  // A citizen's own applications; a portal page in look, but only for the account that applied.
  { key: 'citizen', name: '我的办件', path: '/my/cases', roles: ['citizen'] },
]

export const REGION_KINDS = {
  county: '县',
  district: '区',
  town: '镇',
  township: '乡',
  subdistrict: '街道',
  village: '村',
  community: '社区',
}

export const SERVICE_POINT_KINDS = {
  hall: '政务服务大厅',
  social_affairs_center: '社会事务中心',
  center: '便民服务中心',
  room: '便民服务室',
}

export const EVENT_TYPES = {
  'region.created': '新建区划',
  'region.updated': '修改区划',
  'department.created': '新建部门',
  'department.updated': '修改部门',
  'service_point.created': '新建服务场所',
  'service_point.updated': '修改服务场所',
  'window.created': '新建窗口',
  'service_item.created': '新建服务事项',
  'service_item.revised': '修订办事指南',
  'account.created': '新建账号',
  'account.granted': '授予角色',
  'account.revoked': '撤销角色',
  'session.started': '登录',
  'session.ended': '退出登录',
  'case.filed': '收件',
  'case.forwarded': '转报',
  'case.accepted': '受理',
  'case.refused': '不予受理',
  'case.notice_of_missing_sent': '一次性告知补正',
  'case.supplemented': '补正材料',
  'case.review_started': '开始审查',
  'case.decided': '作出决定',
  'case.completed': '办结',
  'case.withdrawn': '撤回',
  'case.rated': '评价',
  'case.follow_up_answered': '回复差评',
  'publication.created': '起草公开信息',
  'publication.edited': '修改公开信息',
  'publication.submitted': '提交保密审查',
  'publication.returned': '审查退回',
  'publication.published': '发布公开信息',
  'publication.withdrawn': '撤回公开信息',
  'publication.validity_changed': '变更效力',
  'objection.filed': '提出异议',
  'objection.answered': '答复异议',
  'notice.result_published': '公布公示结果',
  'info_request.filed': '收到公开申请',
  'info_request.supplement_requested': '告知补正',
  'info_request.supplement_received': '收到补正',
  'info_request.consultation_started': '征求第三方意见',
  'info_request.consultation_closed': '结束征求意见',
  'info_request.extension_requested': '申请延期答复',
  'info_request.extension_approved': '批准延期答复',
  'info_request.extension_rejected': '不批准延期',
  'info_request.replied': '答复公开申请',
  'annual_report.inputs_saved': '填报年度报告',
  'village_affair.created': '起草村务公开',
  'village_affair.edited': '修改村务公开',
  'village_affair.signed_off': '监督委员会签字',
  'village_affair.posted': '村务公开',
  'village_affairs.settings_changed': '设置村务公开周期',
  'ticket.filed': '提出诉求',
  'ticket.accepted': '受理',
  'ticket.rejected': '不予受理',
  'ticket.answered': '直接答复',
  'ticket.dispatched': '派单',
  'ticket.claimed': '签收',
  'ticket.returned': '退回',
  'ticket.noted': '办理情况',
  'ticket.replied': '答复',
  'ticket.extension_requested': '申请延期',
  'ticket.extension_approved': '批准延期',
  'ticket.extension_rejected': '驳回延期',
  'ticket.completed': '办结',
  'ticket.called_back': '回访',
  'ticket.reopened': '重办',
  'ticket.escalated': '督办',
  'ticket.deadline_set': '设置办理时限',
  'ticket.center_set': '指定受理中心',
  'ticket.category_saved': '保存诉求类别',
}

export const CASE_STATES = {
  submitted: '已提交',
  awaiting_supplement: '待补正',
  accepted: '已受理',
  in_review: '审查中',
  decided: '已决定',
  completed: '已办结',
  refused: '不予受理',
  withdrawn: '已撤回',
}

export const CASE_CHANNELS = { window: '窗口收件', online: '网上申请', proxy: '代办员代办' }

export const DELIVERIES = ['窗口领取', '邮政寄递', '电子证照', '代办员送达']

// 好差评, from 1 to 5.
export const SCORES = ['非常不满意', '不满意', '基本满意', '满意', '非常满意']

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

export function weekdayName(n) {
  return WEEKDAYS[n - 1] || `第${n}天`
}

// One row per weekday (1–7) with its periods joined, so closed days show as 休息 rather than vanish.
export function hoursByDay(hours) {
  return WEEKDAYS.map((name, i) => {
    const periods = (hours || [])
      .filter((h) => h.weekday === i + 1)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((h) => `${h.opens}–${h.closes}`)
    return { weekday: i + 1, name, periods, closed: periods.length === 0 }
  })
}

export function roleLabel(grant) {
  const name = ROLE_NAMES[grant.role] || grant.role
  return grant.scope_name ? `${name}（${grant.scope_name}）` : name
}

export const ITEM_LEVELS = {
  county: '县级',
  town: '乡镇（街道）级',
  village: '村（社区）级代办',
}

// The API names each life event but does not say whose it is; these are a business's (企业事件). Any other
// event is a person's (人生事件), so one the server adds later still shows.
export const BUSINESS_EVENTS = ['企业开办', '经营许可', '工程建设', '企业变更', '企业注销']

// 政务公开: the level of the organ that published (a department sits at its region's level).
export const ORGAN_LEVELS = { county: '县级', town: '乡镇（街道）', village: '村（社区）' }

export const VALIDITIES = { valid: '有效', repealed: '已废止', expired: '已失效' }

export const PUBLICATION_STATES = { draft: '草稿', in_review: '待审查', published: '已发布', withdrawn: '已撤回' }

// One edition's state; a published publication may hold a newer edition in drafting or review.
export const EDITION_STATES = {
  draft: '草稿',
  in_review: '待审查',
  returned: '已退回',
  published: '现行版本',
  superseded: '已被新版本取代',
}

export const SEARCH_KINDS = { service_item: '办事指南', publication: '公开信息', notice: '公示', knowledge: '热线知识库' }

// 公示的类别, as the API names them (notice.kind).
export const NOTICE_KINDS = {
  planning: '规划公示',
  rights: '农村产权确权登记结果公示',
  village_affairs: '村务公示',
  candidates: '中标候选人公示',
  general: '其他公示',
}

// Where a notice stands today: before its period, in it (objections accepted), after it; or not public at all.
export const NOTICE_STATES = { upcoming: '未开始', open: '公示中', over: '已结束', unpublished: '未发布', withdrawn: '已撤回' }

// 村务公开、财务公开 (《村民委员会组织法》第三十条): the matters a village must make public, as the API names them.
export const VILLAGE_AFFAIR_CATEGORIES = {
  decision: '村民会议、村民代表会议决定事项及实施情况',
  family_planning: '计划生育政策落实方案',
  relief_funds: '救灾救助、补贴补助资金物资管理使用情况',
  assistance: '协助人民政府开展工作情况',
  other: '涉及村民利益的其他事项',
}

export const VILLAGE_AFFAIR_KINDS = { ordinary: '一般事项（每季度）', major: '重大事项（随时）', finance: '财务收支' }

// An item is drafted by the town, signed off by the village's 村务监督委员会, then posted for good.
export const VILLAGE_AFFAIR_STATES = { draft: '草稿', signed: '监督委员会已签字', posted: '已公开' }

// Where one period's (or one major item's) duty stands.
export const VILLAGE_DUTY_STATUSES = { posted: '按时公开', late: '逾期后公开', open: '未到期', overdue: '逾期未公开' }

export const FINANCE_CADENCES = { monthly: '按月', quarterly: '按季度' }

export const FINANCE_DIRECTIONS = { income: '收入', expenditure: '支出' }

// 12345 热线: a ticket's kind, how it came in, where it stands, and how the citizen rated the answer.
export const TICKET_KINDS = { consult: '咨询', complaint: '投诉', help: '求助', suggestion: '建议', report: '举报' }

export const TICKET_CHANNELS = { hall: '窗口', phone: '电话', web: '网站', kiosk: '自助终端', open311: '开放接口' }

export const TICKET_STATES = {
  received: '待受理',
  accepted: '已受理待派单',
  rejected: '不予受理',
  dispatched: '已派单待签收',
  claimed: '办理中',
  replied: '已答复待办结',
  completed: '已办结待回访',
  closed: '已回访',
}

export const SATISFACTIONS = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }
