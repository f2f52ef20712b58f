// Looking a case up by its number and the last four digits of the applicant's phone: the portal's tracking
// page and the kiosk both ask this way, and both should explain a miss the same way.
import { api } from './api.js'

export const NOT_FOUND = '没有找到该办件，请核对办件编号和手机号后四位'
export const TOO_MANY = '查询次数过多，请过一分钟再试'

// The case as the public sees it, with its history and rating. Throws the API's error with a message fit to
// show: a wrong number and a wrong phone are the same miss, on purpose, so neither can be guessed alone.
export async function trackCase(caseNo, last4) {
  try {
    const q = new URLSearchParams({ case_no: caseNo, phone_last4: last4 })
    return await api(`/api/v1/case-tracking?${q}`)
  } catch (e) {
    if (e.code === 'case.not_found') e.message = NOT_FOUND
    else if (e.status === 429) e.message = TOO_MANY
    throw e
  }
}
