// Open311 API 密钥: the keys with which outside clients (a WeChat mini-program, a partner's app) file requests
// through /open311/v2. Only the county's admins list, issue and revoke them; the server keeps only a hash, so a
// new key's secret is shown once, at issue.
import { api } from './api.js'

export const listKeys = () => api('/api/v1/open311/keys')
export const issueKey = (name) => api('/api/v1/open311/keys', { method: 'POST', body: { name: name.trim() } })
export const revokeKey = (id) => api(`/api/v1/open311/keys/${encodeURIComponent(id)}/revoke`, { method: 'POST' })

// The server's codes said in words an admin acts on.
export function keyError(e) {
  if (e.status === 403 && e.code !== 'auth.csrf_failed') return 'Open311 API 密钥只能由县级管理员签发和吊销，您的账号没有此权限。'
  if (e.code === 'open311_key.revoked') return '该密钥已被吊销，无需再次吊销。'
  if (e.body?.error?.field === 'name') return '请填写使用方名称（1 至 64 个字）。'
  return e.message
}
