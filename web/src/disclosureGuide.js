// 政府信息公开指南 (《条例》第十二条): which organs have one, what each has put in the catalogue, and where to go to
// it in person. Kept out of disclosure.js so that the catalogue's pages do not carry it.
import { api } from './api.js'
import { governmentOf } from './disclosure.js'

// The organs offered at a level: the governments of that level and the departments seated in its regions; at the
// village level, each committee under its town (村民委员会 and 居民委员会 are not organs under the Regulations, but
// they publish, and their guide says where their villagers can turn).
export function guideOrganGroups(level, regions, departments) {
  const government = (r) => ({ key: `r:${r.id}`, label: governmentOf(r) })
  if (level === 'village')
    return regions
      .filter((t) => t.level === 'town')
      .map((t) => ({ label: t.name, organs: regions.filter((v) => v.parent_id === t.id).map(government) }))
      .filter((g) => g.organs.length)
  const levelOf = new Map(regions.map((r) => [r.id, r.level]))
  return [
    { label: level === 'county' ? '人民政府' : '人民政府（街道办事处）', organs: regions.filter((r) => r.level === level).map(government) },
    {
      label: level === 'county' ? '县政府部门' : '乡镇（街道）部门',
      organs: departments.filter((d) => levelOf.get(d.region_id) === level).map((d) => ({ key: `d:${d.id}`, label: d.name })),
    },
  ].filter((g) => g.organs.length)
}

// The organ of a key ('d:6', 'r:2'): its name and level, the region it sits in (or governs), and, for a
// department, the department. Null when the key names nothing the API knows.
export function guideOrgan(key, regions, departments) {
  const id = Number(key.slice(2))
  if (key.startsWith('d:')) {
    const department = departments.find((d) => d.id === id)
    const region = department && regions.find((r) => r.id === department.region_id)
    return region ? { key, name: department.name, level: region.level, region, department, department_id: id } : null
  }
  const region = key.startsWith('r:') && regions.find((r) => r.id === id)
  return region ? { key, name: governmentOf(region), level: region.level, region, region_id: id } : null
}

// The catalogue's query for the organ's publications. region_id takes in the organs below a government as well;
// `level` keeps to the government's own level (itself and the departments seated with it).
export function catalogueQuery(organ) {
  return organ.department_id ? { department_id: organ.department_id } : { region_id: organ.region_id, level: organ.level }
}

// What the organ itself has in each column, withdrawn items included as the catalogue lists them: { code: count }.
export async function columnCounts(organ) {
  const q = organ.department_id ? { department_id: organ.department_id } : { region_id: organ.region_id }
  const counts = await api(`/api/v1/disclosure/columns/counts?${new URLSearchParams(q)}`)
  return Object.fromEntries(counts.items.map((c) => [c.column, c.count]))
}

// The columns that bind the organ (第二十条 for every organ; 第二十一条 for the county's government and departments,
// its 乡镇 list for towns), and any other it has published under, each with its count. A village committee is
// bound by none: it shows what it did publish.
export function guideColumns(columns, level, counts) {
  const binds = (c) => {
    if (level === 'village') return false
    if (c.article.startsWith('第二十条')) return true
    return c.article === '第二十一条（乡镇）' ? level === 'town' : level === 'county'
  }
  return columns.filter((c) => binds(c) || counts[c.code]).map((c) => ({ ...c, count: counts[c.code] || 0 }))
}

// Where to hand in a request or ask in person: a department at its windows in its region's service points; a
// government (or village committee) at the service points of its region.
export function receptionPlaces(organ, regionDetail) {
  const points = regionDetail?.service_points || []
  if (!organ.department_id) return points.map((point) => ({ point, windows: [] }))
  return points
    .map((point) => ({ point, windows: point.windows.filter((w) => w.department_id === organ.department_id) }))
    .filter((p) => p.windows.length)
}

// Who hears a complaint and a request for review (《条例》第五十一条; 《行政复议法》第二十四条): the county government
// for its departments and for the towns; for the county government, the government above it, which the platform
// does not hold.
export function supervisingGovernment(organ, regions) {
  const county = regions.find((r) => r.level === 'county')
  if (organ.level === 'county' && !organ.department_id) return '上一级人民政府'
  return county ? governmentOf(county) : '上一级人民政府'
}
