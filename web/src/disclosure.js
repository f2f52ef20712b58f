// 政务公开 helpers shared by the portal pages and the workbench desk.
import { api } from './api.js'
import { EDITION_STATES, PUBLICATION_STATES, ROLE_NAMES } from './labels.js'
import { useRegions } from './stores/regions.js'

let columnsLoading = null

// The catalogue's columns are fixed by the Regulations and change only with a release: asked once per visit.
export function disclosureColumns() {
  columnsLoading ||= api('/api/v1/disclosure/columns').then(
    (r) => r.items,
    (e) => {
      columnsLoading = null // a failed load is tried again on the next page
      throw e
    },
  )
  return columnsLoading
}

// The organs a catalogue list can be narrowed to: the county's departments, and the towns (each town's government
// with its villages). Asked once per visit, like the columns; useRegions caches the regions for the visit too.
let organsLoading = null
export function catalogueOrgans() {
  organsLoading ||= Promise.all([api('/api/v1/departments'), useRegions().list()]).then(
    ([deps, regions]) => ({ departments: deps.items, towns: regions.filter((r) => r.level === 'town') }),
    (e) => {
      organsLoading = null
      throw e
    },
  )
  return organsLoading
}

// An organ of those as the pickers and the URL name it: the key 'd:<id>' or 'r:<id>', the query
// { department_id } or { region_id }.
export function organKey(query) {
  return query.department_id ? `d:${query.department_id}` : query.region_id ? `r:${query.region_id}` : ''
}
export function organQuery(key) {
  if (key?.startsWith('d:')) return { department_id: key.slice(2) }
  if (key?.startsWith('r:')) return { region_id: key.slice(2) }
  return {}
}

// Columns under their article of the Regulations (第二十条, 第二十一条, 第二十一条（乡镇）), in the server's order.
export function columnGroups(columns) {
  const groups = []
  for (const c of columns) {
    const article = c.article.replace(/第（[^）]+）项$/, '')
    let g = groups.find((x) => x.article === article)
    if (!g) groups.push((g = { article, title: ARTICLE_TITLES[article] || article, columns: [] }))
    g.columns.push(c)
  }
  return groups
}

const ARTICLE_TITLES = {
  第二十条: '主动公开的政府信息（第二十条）',
  第二十一条: '县级人民政府及其部门重点公开（第二十一条）',
  '第二十一条（乡镇）': '乡（镇）人民政府重点公开（第二十一条）',
}

// A publication's attachment, saved under the name it was published with.
export function attachmentHref(a) {
  return `/api/v1/attachments/${a.sha256}?name=${encodeURIComponent(a.name)}`
}

// Where a publication stands at the desk, naming what its newest edition waits for: a returned draft, or a newer
// edition being written or reviewed while the published one stays public.
export function deskState(p) {
  const latest = p.latest
  if (p.live_edition > 0 && latest.edition > p.live_edition)
    return `${PUBLICATION_STATES[p.state]}（第 ${latest.edition} 版${EDITION_STATES[latest.state]}）`
  if (latest.state === 'returned') return '已退回修改'
  return PUBLICATION_STATES[p.state] || p.state
}

// A timestamp's calendar day in China, written as the API writes dates (2026-05-01).
export function chinaDay(t) {
  return new Date(t).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

// The server names a region's organ the same way (城关镇人民政府, 青禾街道办事处, 芦营村村民委员会,
// 和平社区居民委员会).
const organSuffix = { village: '村民委员会', community: '居民委员会', subdistrict: '办事处' }
export const governmentOf = (r) => r.name + (organSuffix[r.kind] || '人民政府')

// Where a grant may publish: a department's staff for the department; a region's staff and admins for its
// government, the departments seated there and the governments of the regions directly under it.
// The scopes of a desk: one per role grant the filter keeps, each with the query that narrows a list to it
// (the grant's department, or its region with the organs in it).
export function deskScopes(roles, keep) {
  return roles.filter(keep).map((g) => ({
    key: String(g.id),
    label: `${ROLE_NAMES[g.role]} · ${g.scope_name}`,
    grant: g,
    query: g.department_id ? { department_id: g.department_id } : { region_id: g.region_id },
  }))
}

export function publishingOrgans(grant, regions, departments) {
  if (grant.department_id) return [{ key: `d:${grant.department_id}`, label: grant.scope_name, department_id: grant.department_id }]
  const here = regions.find((r) => r.id === grant.region_id)
  if (!here) return []
  return [
    { key: `r:${here.id}`, label: governmentOf(here), region_id: here.id },
    ...departments.filter((d) => d.region_id === here.id).map((d) => ({ key: `d:${d.id}`, label: d.name, department_id: d.id })),
    ...regions.filter((r) => r.parent_id === here.id).map((r) => ({ key: `r:${r.id}`, label: governmentOf(r), region_id: r.id })),
  ]
}

// Where a notice stands on the given day (YYYY-MM-DD, China): a key of NOTICE_STATES. The period includes both
// of its days, as the server counts it; one not yet published, or withdrawn, takes no objections whatever the dates.
export function noticeState(p, day = chinaDay(Date.now())) {
  if (p.state === 'withdrawn') return 'withdrawn'
  if (p.state !== 'published') return 'unpublished'
  if (day < p.notice.starts_on) return 'upcoming'
  if (day > p.notice.ends_on) return 'over'
  return 'open'
}

// A page of the portal as an address to print or to scan: paper and a phone need the whole URL.
export function portalUrl(path) {
  return window.location.origin + path
}

export function publicationUrl(id) {
  return portalUrl(`/disclosure/publications/${id}`)
}

// A moment as people read it in the county: 2026/05/01 09:30.
export function chinaTime(t) {
  return new Date(t).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
}

// An API date (2026-05-01) as a printed notice writes it: 2026年5月1日.
export function chineseDate(d) {
  const [y, m, day] = d.split('-').map(Number)
  return `${y}年${m}月${day}日`
}
