// 诉求类别: the list the linkage center keeps. The same categories are Open311's services, so a code, once used,
// stays: a category is retired (停用), never deleted, since tickets name it.
import { api } from './api.js'

export const DATATYPES = [
  { value: 'string', label: '单行文字' },
  { value: 'text', label: '多行文字' },
  { value: 'number', label: '数字' },
  { value: 'datetime', label: '日期时间' },
  { value: 'singlevaluelist', label: '单选' },
  { value: 'multivaluelist', label: '多选' },
]
export const isList = (datatype) => datatype === 'singlevaluelist' || datatype === 'multivaluelist'
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,31}$/

export const listAllCategories = async () => (await api('/api/v1/tickets/categories/all')).items
export const saveCategory = (code, body) =>
  api(`/api/v1/tickets/categories/${encodeURIComponent(code)}`, { method: 'PUT', body })

// What the form edits, from a stored category (or a new one's defaults, such as its place), and back.
export function draftOf(c) {
  return {
    code: c?.code || '',
    name: c?.name || '',
    description: c?.description || '',
    group: c?.group || '',
    keywords: c?.keywords || '',
    kind: c?.kind || 'help',
    department_id: c?.department_id ?? null,
    service_notice: c?.service_notice || '',
    active: c?.active ?? true,
    order: c?.order ?? 0,
    attributes: (c?.attributes || []).map((a) => ({ ...a, values: a.values.map((v) => ({ ...v })) })),
  }
}

export function bodyOf(d) {
  const body = {
    name: d.name.trim(),
    kind: d.kind,
    active: d.active,
    order: d.order,
    attributes: d.attributes.map((a) => ({
      code: a.code.trim(),
      datatype: a.datatype,
      description: a.description.trim(),
      required: a.required,
      variable: a.variable,
      ...(a.datatype_description.trim() ? { datatype_description: a.datatype_description.trim() } : {}),
      ...(isList(a.datatype) ? { values: a.values.map((v) => ({ key: v.key.trim(), name: v.name.trim() })) } : {}),
    })),
  }
  for (const f of ['description', 'group', 'keywords', 'service_notice']) if (d[f].trim()) body[f] = d[f].trim()
  if (d.department_id) body.department_id = d.department_id
  return body
}

// The server's codes said in words the center acts on.
export function categoryError(e) {
  if (e.status === 403 && e.code !== 'auth.csrf_failed') return '诉求类别由 12345 热线受理中心和县级管理员维护，您的账号没有此权限。'
  const field = e.body?.error?.field
  return field ? `${e.message}（${field}）` : e.message
}
