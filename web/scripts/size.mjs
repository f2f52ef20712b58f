// Gzipped size of the portal's first load: index.html plus the JS and CSS it references directly
// (module script, modulepreload and stylesheet links). Lazy route chunks are not counted.
// Exits 1 when over the target, so a build step can use it as a budget check.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const TARGET = 250 * 1000
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const indexPath = join(dist, 'index.html')
if (!existsSync(indexPath)) {
  console.error('dist/index.html 不存在：请先运行 npm run build')
  process.exit(2)
}

// What the server actually sends: the prebuilt .gz sibling when there is one, else gzip it here.
function gzipped(file) {
  return existsSync(file + '.gz') ? readFileSync(file + '.gz').length : gzipSync(readFileSync(file), { level: 9 }).length
}

const html = readFileSync(indexPath, 'utf8')
const refs = new Set()
for (const tag of html.match(/<(script|link)\b[^>]*>/g) || []) {
  const rel = /\brel="([^"]+)"/.exec(tag)?.[1]
  const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1]
  if (!url || /^[a-z]+:|^\/\//i.test(url)) continue
  if (tag.startsWith('<script') || rel === 'modulepreload' || rel === 'stylesheet') refs.add(url)
}

const rows = [['index.html', gzipped(indexPath)]]
for (const url of refs) rows.push([url.replace(/^\//, ''), gzipped(join(dist, url))])
const total = rows.reduce((n, [, b]) => n + b, 0)
const kb = (b) => (b / 1000).toFixed(1) + ' KB'

for (const [name, bytes] of rows) console.log(`  ${kb(bytes).padStart(9)}  ${name}`)
console.log(`portal first load (gzip): ${total} bytes = ${kb(total)}  (target ${kb(TARGET)})  ${total <= TARGET ? 'OK' : 'OVER'}`)
process.exit(total <= TARGET ? 0 : 1)
