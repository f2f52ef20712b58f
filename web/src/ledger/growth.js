// The log's growth over time, from a sample of entries: entry i was the (i+1)-th leaf, so its
// occurred_at gives one point of the cumulative count. At most PAGES requests whatever the log's size.
import { api } from '../api.js'

const PAGES = 5
const PAGE_MAX = 1000 // the server's limit per /ledger/entries call

// Windows [start, end) spread evenly over [0, size); the last one ends at the newest entry.
export function sampleWindows(size) {
  if (size <= 0) return []
  if (size <= PAGES * PAGE_MAX) {
    const out = []
    for (let s = 0; s < size; s += PAGE_MAX) out.push([s, Math.min(size, s + PAGE_MAX)])
    return out
  }
  const per = PAGE_MAX / 5 // small windows, so the sample reaches more of the log's history
  const step = (size - per) / (PAGES - 1)
  return Array.from({ length: PAGES }, (_, k) => {
    const start = Math.round(k * step)
    return [start, start + per]
  })
}

function occurredAt(entry) {
  if (entry.event && entry.event.occurred_at) return entry.event.occurred_at
  try {
    return JSON.parse(entry.data).occurred_at // the event row may be gone; the leaf still says when
  } catch {
    return null
  }
}

const pad = (n) => String(n).padStart(2, '0')
const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

// → { unit: 'day' | 'hour' | 'minute', labels: [...], counts: [...] }, in the viewer's local time. The
// unit is the coarsest that still gives more than one point (a young log may be an hour old).
export function bucket(points) {
  const dated = points.map(([iso, n]) => [new Date(iso), n]).filter(([d]) => !Number.isNaN(d.getTime()))
  const keys = {
    day,
    hour: (d) => `${day(d)} ${pad(d.getHours())}:00`,
    minute: (d) => `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
  }
  const unit = ['day', 'hour'].find((u) => new Set(dated.map(([d]) => keys[u](d))).size > 1) || 'minute'
  const key = keys[unit]
  const counts = new Map()
  // Leaf order need not follow occurred_at exactly, so a bucket takes the largest count seen in it.
  for (const [d, n] of dated) counts.set(key(d), Math.max(counts.get(key(d)) || 0, n))
  const labels = [...counts.keys()].sort()
  let running = 0
  return { unit, labels, counts: labels.map((l) => (running = Math.max(running, counts.get(l)))) }
}

export async function loadGrowth(size) {
  const pages = await Promise.all(sampleWindows(size).map(([s, e]) => api(`/api/v1/ledger/entries?start=${s}&end=${e}`)))
  const points = []
  for (const p of pages) for (const en of p.entries) {
    const at = occurredAt(en)
    if (at) points.push([at, en.index + 1])
  }
  return { sampled: points.length, ...bucket(points) }
}
