// Dates of a case as an applicant reads them: the day it was filed, and the deadline that matters now.

const FINISHED = ['completed', 'refused', 'withdrawn']

// The calendar day in China, whatever the browser's own time zone.
export function shanghaiDate(t) {
  return new Date(t).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })
}

// Once accepted a case has a promised completion date; before that only the current stage has a deadline.
// A finished case has none.
export function caseDeadline(k) {
  if (FINISHED.includes(k.state)) return null
  if (k.due_date) return { label: '承诺办结日期', date: k.due_date }
  if (k.stage_due) return { label: '本环节期限', date: k.stage_due }
  return null
}
