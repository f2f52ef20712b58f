// 热线知识库: the answers to frequent questions that the center reads out on the phone and citizens find before
// filing. Reading is public; the county's admins and a department's own staff write its entries (the server
// decides, and says so with a 403).
import { api } from './api.js'

export function listKnowledge({ q = '', departmentId = null, all = false, page = 1, pageSize = 20 } = {}) {
  const params = new URLSearchParams({ page, page_size: pageSize })
  if (q.trim()) params.set('q', q.trim())
  if (departmentId) params.set('department_id', departmentId)
  if (all) params.set('all', 'true')
  return api(`/api/v1/knowledge?${params}`)
}

export const getKnowledge = (id) => api(`/api/v1/knowledge/${encodeURIComponent(id)}`)

// A new entry (no id) is created, an existing one replaced; an empty valid_to means no end date.
export function saveKnowledge(entry) {
  const body = {
    department_id: entry.department_id,
    question: entry.question.trim(),
    answer: entry.answer.trim(),
    valid_from: entry.valid_from,
  }
  if (entry.valid_to) body.valid_to = entry.valid_to
  return entry.id
    ? api(`/api/v1/knowledge/${entry.id}`, { method: 'PUT', body })
    : api('/api/v1/knowledge', { method: 'POST', body })
}

export function validityText(e) {
  return e.valid_to ? `${e.valid_from} 至 ${e.valid_to}` : `${e.valid_from} 起长期有效`
}

// The server's codes said in words a clerk acts on.
export function knowledgeError(e) {
  if (e.status === 403) return `您无权修改该部门的知识库：${e.message}。知识库由县级管理员和各部门自己的工作人员维护。`
  if (e.code === 'knowledge.invalid_span') return '有效期的结束日期不能早于开始日期。'
  if (e.code === 'field.invalid_date') return '日期格式不正确，请重新选择。'
  if (e.code === 'knowledge.department_fixed') return '条目的所属部门不能更改；请新增一条。'
  return e.message
}
