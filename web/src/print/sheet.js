import { hoursByDay } from '../labels.js'

// What the window sheets derive from the API's data; plain functions so the sheet components stay layout only.

// The step sequence most of the items follow, so a window's process chart shows one flow rather than a
// merge of every variant. Ties go to the sequence met first (items come ordered by code).
export function commonFlow(items) {
  const seen = new Map()
  for (const item of items) {
    const steps = item.guide.steps.map((s) => s.text)
    const key = JSON.stringify(steps)
    const entry = seen.get(key)
    if (entry) entry.count++
    else seen.set(key, { steps, count: 1 })
  }
  let best = { steps: [], count: 0 }
  for (const entry of seen.values()) if (entry.count > best.count) best = entry
  return { steps: best.steps, following: best.count, total: items.length }
}

function dayRange(names) {
  if (names.length === 1) return names[0]
  if (names.length === 2) return names.join('、')
  return `${names[0]}至${names.at(-1)}`
}

// Opening hours as a notice board states them: consecutive days with the same periods share one line
// (周一至周五 08:30–12:00、14:00–17:30); a closed day has no periods.
export function compactHours(hours) {
  const lines = []
  for (const day of hoursByDay(hours)) {
    const last = lines.at(-1)
    if (last && last.periods.join() === day.periods.join()) last.names.push(day.name)
    else lines.push({ names: [day.name], periods: day.periods })
  }
  return lines.map((l) => ({ days: dayRange(l.names), periods: l.periods }))
}

// The complaint numbers the items list, besides the 12345 hotline every sheet prints anyway.
export function complaintPhones(items) {
  const phones = new Set(items.map((i) => i.guide.complaint_phone).filter((p) => p && p !== '12345'))
  return [...phones]
}
