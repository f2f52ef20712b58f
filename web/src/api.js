// Thin fetch wrapper for the Fishbowl JSON API. The session itself is an HttpOnly cookie; the CSRF token
// must be echoed on every state-changing request, so it lives here (and in sessionStorage for reloads).
const CSRF_KEY = 'fishbowl.csrf'
let csrfToken = sessionStorage.getItem(CSRF_KEY) || ''

export function setCsrfToken(token) {
  csrfToken = token || ''
  if (csrfToken) sessionStorage.setItem(CSRF_KEY, csrfToken)
  else sessionStorage.removeItem(CSRF_KEY)
}

// `body` is the whole answer, for the errors that say more than a message (an import's problems, row by row).
export class ApiError extends Error {
  constructor(status, code, message, body = null) {
    super(message)
    this.status = status
    this.code = code
    this.body = body
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请稍后再试')
  }
  if (res.status === 204) return null
  const type = res.headers.get('Content-Type') || ''
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text()
  if (!res.ok) {
    const err = data && data.error
    throw new ApiError(res.status, err ? err.code : 'http.' + res.status, err ? err.message : `请求失败（${res.status}）`, data)
  }
  return data
}
