// End-to-end tests: playwright-core drives Debian's Chromium against a running fishbowl server
// (FISHBOWL_URL) that serves web/dist and holds the demo data (`fishbowl demo`).
// Every page visited is checked with axe-core; serious or critical violations fail the test.
// Ends with "N passed, M failed" and a non-zero exit code on any failure.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { hexToBytes, leafHash, nodeHash, verifyInclusion } from '../src/ledger/verify.js'

const BASE = (process.env.FISHBOWL_URL || '').replace(/\/$/, '')
if (!BASE) {
  console.error('请设置 FISHBOWL_URL，例如 FISHBOWL_URL=http://127.0.0.1:18555')
  process.exit(2)
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const here = dirname(fileURLToPath(import.meta.url))
const SHOTS = process.env.FISHBOWL_SCREENSHOTS || join(here, 'screenshots')
mkdirSync(SHOTS, { recursive: true })
for (const f of readdirSync(SHOTS)) if (f.startsWith('failed-')) rmSync(join(SHOTS, f)) // from an earlier run
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const STAFF = { login: 'staff.006.1', password: 'qinghe-staff-2026' }
const SUPERVISOR = { login: 'supervisor01', password: 'qinghe-supervisor-2026' }

// --- helpers -----------------------------------------------------------------------------------------

// Runs axe on the page as it is now. page.evaluate goes through DevTools, so the page's CSP
// (script-src 'self') does not block injecting axe and the app is tested under its real policy.
// Colours are measured only once transitions and animations have finished and nothing is hovered: mid-fade, a
// tag or button blends into its background and axe would report a contrast the reader never sees.
async function settle(page) {
  await page.mouse.move(0, 0) // no element left in its hover state by the last click
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => {})),
      ),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]),
  )
}

async function axeCheck(page, label) {
  await settle(page)
  await page.evaluate(AXE)
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  for (const v of bad) {
    console.log(`    axe ${v.impact} on ${label}: ${v.id} — ${v.help}`)
    for (const n of v.nodes.slice(0, 5)) console.log(`      ${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1).join('; ')}`)
  }
  assert.equal(bad.length, 0, `${label}: ${bad.length} serious/critical accessibility violation(s)`)
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

// Waits until the locator is visible; a timeout here is the test's failure message.
async function visible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: 10000 })
  } catch {
    throw new Error(`not visible: ${what}`)
  }
}

async function bodyFontPx(page) {
  return page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))
}

async function login(page, who) {
  await page.goto(`${BASE}/login`)
  await visible(page.getByRole('heading', { name: '工作人员登录' }), 'login heading')
  await axeCheck(page, '/login')
  await shot(page, 'login')
  await page.getByLabel('登录名').fill(who.login)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: '登录' }).click(),
  ])
  assert.equal(res.status(), 200, `login as ${who.login} returned ${res.status()}`)
  return (await res.json()).account
}

// --- tests -------------------------------------------------------------------------------------------

const tests = []
const test = (name, fn, options = {}) => tests.push({ name, fn, options })

test('static files: gzip, long cache for hashed assets, CSP, client-route fallback', async () => {
  const index = await fetch(`${BASE}/regions/1`, { headers: { 'Accept-Encoding': 'gzip' } })
  assert.equal(index.status, 200)
  assert.match(index.headers.get('content-security-policy') || '', /script-src 'self'/)
  const html = await index.text()
  assert.match(html, /<div id="app">/)
  const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
  assert.ok(js, 'index.html references an entry script under /assets/')
  const asset = await fetch(BASE + js, { headers: { 'Accept-Encoding': 'gzip' } })
  assert.equal(asset.status, 200)
  assert.equal(asset.headers.get('content-encoding'), 'gzip', 'entry script is served from its .gz sibling')
  assert.match(asset.headers.get('cache-control') || '', /immutable/)
})

test('portal opens without login and lists the county and its towns', async ({ page }) => {
  await page.goto(`${BASE}/`)
  await visible(page.getByRole('heading', { name: '政务公开 · 办事指南' }), 'portal heading')
  await visible(page.locator('.county h2 a'), 'county link')
  assert.ok((await page.locator('.county .tile').count()) > 0, 'portal lists towns')
  await visible(page.getByRole('link', { name: '登录' }), 'login link in header')
  await visible(page.getByRole('button', { name: /适老模式/ }), 'elderly toggle')
  // Not logged in: only the portal shell is offered.
  assert.equal(await page.getByRole('navigation', { name: '功能区' }).getByRole('link').count(), 1)
  await axeCheck(page, '/')
  await shot(page, 'portal')
})

test('region navigator: county → town → village by clicking', async ({ page }) => {
  await page.goto(`${BASE}/`)
  const countyLink = page.locator('.county h2 a').first()
  await visible(countyLink, 'county link')
  const county = (await countyLink.textContent()).trim()
  await countyLink.click()
  await page.waitForURL(/\/regions\/\d+$/)
  await visible(page.getByRole('heading', { level: 1, name: county }), `county page ${county}`)
  await visible(page.getByRole('heading', { name: '下辖乡镇（街道）' }), 'towns list')
  await visible(page.getByRole('heading', { name: '职能部门' }), 'departments')
  await visible(page.locator('.hours th', { hasText: '周一' }), 'opening hours with 周一')
  await axeCheck(page, 'county page')
  await shot(page, 'region-county')

  const townTile = page.locator('.tiles .tile').first()
  const town = (await townTile.evaluate((a) => a.firstChild.textContent)).trim()
  await townTile.click()
  await visible(page.getByRole('heading', { level: 1, name: town }), `town page ${town}`)
  const crumbs = page.getByRole('navigation', { name: '当前位置' })
  await visible(crumbs.getByRole('link', { name: county }), 'breadcrumb has the county')
  await visible(page.getByRole('heading', { name: '下辖村（社区）' }), 'villages list')
  await axeCheck(page, 'town page')
  await shot(page, 'region-town')

  const villageTile = page.locator('.tiles .tile').first()
  const village = (await villageTile.evaluate((a) => a.firstChild.textContent)).trim()
  await villageTile.click()
  await visible(page.getByRole('heading', { level: 1, name: village }), `village page ${village}`)
  await visible(crumbs.getByRole('link', { name: town }), 'breadcrumb has the town')
  await visible(crumbs.locator('[aria-current="page"]', { hasText: village }), 'breadcrumb ends at the village')
  await visible(page.locator('.sp-card h3'), 'a service point')
  await visible(page.locator('.sp-card a[href^="tel:"]'), 'a phone number')
  await visible(page.locator('.hours caption', { hasText: '办公时间' }), 'opening hours')
  await axeCheck(page, 'village page')
  await shot(page, 'region-village')

  // Back up through the breadcrumb.
  await crumbs.getByRole('link', { name: county }).click()
  await visible(page.getByRole('heading', { level: 1, name: county }), 'back at the county')
})

test('service catalogue: search an item and read its guide', async ({ page }) => {
  await page.goto(`${BASE}/`)
  await page.getByRole('link', { name: '办事指南', exact: true }).click()
  await visible(page.getByRole('heading', { name: '政务服务事项' }), 'catalogue heading')
  const total = page.locator('[data-test=catalogue-total]')
  await page.waitForFunction(() => /共 [1-9]\d* 项/.test(document.querySelector('[data-test=catalogue-total]')?.textContent || ''))
  const all = Number((await total.textContent()).match(/共 (\d+) 项/)[1])
  await axeCheck(page, '/services')

  await page.getByLabel('事项名称或编码').fill('最低生活保障')
  await page.getByRole('button', { name: '查询' }).click()
  await page.waitForURL(/q=/)
  await page.waitForFunction((n) => {
    const m = (document.querySelector('[data-test=catalogue-total]')?.textContent || '').match(/共 (\d+) 项/)
    return m && Number(m[1]) > 0 && Number(m[1]) < n
  }, all)
  const names = await page.locator('.items .item-name').allTextContents()
  assert.ok(names.length > 0 && names.every((n) => n.includes('最低生活保障')), `search results: ${names.join('、')}`)

  await page.locator('.items .item-name').first().click()
  await visible(page.getByRole('heading', { name: '申请材料' }), 'guide materials heading')
  await visible(page.locator('[data-test=materials]').getByText('居民身份证或营业执照'), 'first material')
  assert.match(await page.locator('[data-test=promised]').textContent(), /\d+ 个工作日/)
  await shot(page, 'service-guide')
  await axeCheck(page, '/services/:id')

  // The edition shown is checked against the public ledger in the browser, from the guide page's link.
  await page.locator('[data-test=ledger-link]').click()
  await page.waitForURL(/\/ledger\?event=\d+/)
  await visible(page.locator('[data-test="verdict"]').getByText('验证通过'), 'guide edition verified in the ledger')
  await page.goBack()

  // Back on the list, the search is still in the URL.
  await page.goBack()
  await visible(page.locator('.items .item-name').first(), 'results after going back')
  assert.equal(await page.getByLabel('事项名称或编码').inputValue(), '最低生活保障')
})

test('staff logs in and sees the workbench with name and role', async ({ page }) => {
  const account = await login(page, STAFF)
  await page.waitForURL(`${BASE}/workbench`)
  await visible(page.getByRole('heading', { level: 1, name: '工作台' }), 'workbench heading')
  const who = page.locator('[data-test="who"]')
  await visible(who.getByText(account.display_name), 'name in header')
  await visible(who.getByText('工作人员'), 'role in header')
  await visible(who.getByText(account.roles[0].scope_name), 'scope in header')
  await visible(page.getByRole('heading', { name: `您好，${account.display_name}` }), 'greeting')
  const shells = page.getByRole('navigation', { name: '功能区' })
  await visible(shells.getByRole('link', { name: '工作台' }), 'workbench shell offered')
  assert.equal(await shells.getByRole('link', { name: '监督' }).count(), 0, 'staff is not offered supervision')
  await axeCheck(page, '/workbench')
  await shot(page, 'workbench')

  // The session survives a reload (GET /auth/me), and logout sends the CSRF token.
  await page.reload()
  await visible(page.getByRole('heading', { level: 1, name: '工作台' }), 'workbench after reload')
  await visible(who.getByText(account.display_name), 'name after reload')
  const [out] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
    page.getByRole('button', { name: '退出' }).click(),
  ])
  assert.equal(out.status(), 204, 'logout accepted (CSRF token sent)')
  await visible(page.getByRole('link', { name: '登录' }), 'logged out')
})

test('supervisor logs in and sees the supervision shell', async ({ page }) => {
  const account = await login(page, SUPERVISOR)
  await page.waitForURL(`${BASE}/supervision`)
  await visible(page.getByRole('heading', { level: 1, name: '监督' }), 'supervision heading')
  const who = page.locator('[data-test="who"]')
  await visible(who.getByText(account.display_name), 'name in header')
  await visible(who.getByText('监督员'), 'role in header')
  await visible(page.getByRole('heading', { name: '最近的事件' }), 'events section')
  await visible(page.locator('table.events tbody tr'), 'recent events listed')
  const shells = page.getByRole('navigation', { name: '功能区' })
  assert.equal(await shells.getByRole('link', { name: '工作台' }).count(), 0, 'supervisor is not offered the workbench')
  await axeCheck(page, '/supervision')
  await shot(page, 'supervision')

  // A shell the role may not use sends it back to its own, with a notice.
  await page.goto(`${BASE}/workbench`)
  await page.waitForURL(/\/supervision\?denied=workbench/)
  await visible(page.getByText('您的账号没有进入“工作台”的权限'), 'denied notice')
})

test('workbench without login goes to the login page', async ({ page }) => {
  await page.goto(`${BASE}/workbench`)
  await page.waitForURL(/\/login\?redirect=/)
  await visible(page.getByRole('heading', { name: '工作人员登录' }), 'login page')
})

test('elderly mode: base font ≥ 18px, remembered after reload', async ({ page }) => {
  await page.goto(`${BASE}/`)
  const toggle = page.getByRole('button', { name: /适老模式/ })
  await visible(toggle, 'elderly toggle')
  assert.ok((await bodyFontPx(page)) < 18, 'normal mode starts smaller')
  await toggle.click()
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true')
  assert.ok((await bodyFontPx(page)) >= 18, `elderly font ${await bodyFontPx(page)}px`)
  await visible(page.getByText('已开启'), 'toggle shows on')
  await page.reload()
  await visible(page.getByRole('heading', { name: '政务公开 · 办事指南' }), 'portal after reload')
  assert.equal(await page.getByRole('button', { name: /适老模式/ }).getAttribute('aria-pressed'), 'true')
  assert.ok((await bodyFontPx(page)) >= 18, 'still large after reload')
  await axeCheck(page, '/ (elderly)')
  await shot(page, 'portal-elderly')

  await page.locator('.county .tile').first().click()
  await visible(page.locator('.sp-card'), 'town page in elderly mode')
  assert.ok((await bodyFontPx(page)) >= 18, 'large on region pages too')
  await axeCheck(page, 'town page (elderly)')
  await shot(page, 'region-town-elderly')

  await page.getByRole('button', { name: /适老模式/ }).click()
  assert.ok((await bodyFontPx(page)) < 18, 'switched back off')
})

test('kiosk: touch navigation with large targets', async ({ page }) => {
  await page.goto(`${BASE}/kiosk?idle=60`)
  await visible(page.getByText('请选择您所在的乡镇（街道）'), 'kiosk start prompt')
  assert.equal(await page.locator('.app-header').count(), 0, 'no portal header on the kiosk')
  await checkTargets(page, 'kiosk start')
  await axeCheck(page, '/kiosk')
  await shot(page, 'kiosk-start')

  await page.locator('.k-tile').first().click()
  await visible(page.getByText('请选择您所在的村（社区）'), 'village prompt')
  await page.locator('.k-tile').first().click()
  await visible(page.locator('.k-points .sp-card'), 'village service points')
  await visible(page.getByRole('button', { name: '回到首页' }), 'home button')
  await checkTargets(page, 'kiosk village')
  await axeCheck(page, '/kiosk village')
  await shot(page, 'kiosk-village')
  await page.getByRole('button', { name: /返回上一步/ }).click()
  await visible(page.getByText('请选择您所在的村（社区）'), 'back one step')
}, { viewport: { width: 1080, height: 1600 }, hasTouch: true })

test('kiosk returns to its start page when idle', async ({ page }) => {
  await page.goto(`${BASE}/kiosk?idle=2`)
  const start = page.getByText('请选择您所在的乡镇（街道）')
  await visible(start, 'kiosk start prompt')
  await page.locator('.k-tile').first().click()
  await page.locator('.k-tile').first().click()
  await visible(page.locator('.k-points .sp-card'), 'village reached')
  assert.equal(await start.count(), 0, 'not at the start while in use')
  await page.waitForTimeout(3500)
  await visible(start, 'back at the start after 2 s idle')
  assert.equal(await page.getByRole('button', { name: '回到首页' }).count(), 0)
  await axeCheck(page, '/kiosk after idle')
}, { hasTouch: true })

// The browser's proof checker on its own, in Node (same WebCrypto API), against the RFC 6962 test vectors.
test('ledger verify.js: RFC 6962 reference tree and inclusion proof', async () => {
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  const hashes = await Promise.all(leaves.map((h) => leafHash(hexToBytes(h))))
  // Merkle tree hash (RFC 9162 §2.1.1): split at the largest power of two below n.
  const mth = async (hs) => {
    if (hs.length === 1) return hs[0]
    let k = 1
    while (k * 2 < hs.length) k *= 2
    return nodeHash(await mth(hs.slice(0, k)), await mth(hs.slice(k)))
  }
  const root = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'
  assert.equal(await mth(hashes), root)
  const proof = [
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]
  const good = { index: 5, size: 8, leafHash: hashes[5], proof, root }
  assert.deepEqual(await verifyInclusion(good), { ok: true, root, reason: '' })
  // Every proof of a smaller tree too, built here from the tree itself, for all indexes.
  for (let n = 1; n <= 8; n++) {
    const sub = await mth(hashes.slice(0, n))
    for (let i = 0; i < n; i++) {
      const path = async (lo, hi, m) => {
        if (hi - lo === 1) return []
        let k = 1
        while (k * 2 < hi - lo) k *= 2
        return m < lo + k
          ? [...(await path(lo, lo + k, m)), await mth(hashes.slice(lo + k, hi))]
          : [...(await path(lo + k, hi, m)), await mth(hashes.slice(lo, lo + k))]
      }
      const r = await verifyInclusion({ index: i, size: n, leafHash: hashes[i], proof: await path(0, n, i), root: sub })
      assert.ok(r.ok, `leaf ${i} of ${n}: ${r.reason}`)
    }
  }
  // Anything altered must fail: the leaf, a proof step, the index, the size, or the proof's length.
  // (Size 7 would pass: the size only shapes the path, and leaf 5's path has the same shape in 7 and 8.)
  assert.equal((await verifyInclusion({ ...good, leafHash: hashes[4] })).ok, false)
  assert.equal((await verifyInclusion({ ...good, proof: [proof[0], proof[2], proof[1]] })).ok, false)
  assert.equal((await verifyInclusion({ ...good, index: 4 })).ok, false)
  assert.equal((await verifyInclusion({ ...good, size: 9 })).ok, false)
  assert.equal((await verifyInclusion({ ...good, proof: proof.slice(0, 2) })).ok, false)
  assert.equal((await verifyInclusion({ ...good, proof: [...proof, proof[0]] })).ok, false)
  assert.equal((await verifyInclusion({ ...good, index: 8 })).ok, false)
})

test('public ledger: checkpoint, growth chart, inclusion checked in the browser', async ({ page }) => {
  await page.goto(`${BASE}/`)
  await page.getByRole('banner').getByRole('link', { name: '公开账本' }).click()
  await page.waitForURL(`${BASE}/ledger`)
  await visible(page.getByRole('heading', { level: 1, name: '公开账本' }), 'ledger heading')
  const sizeCell = page.locator('[data-test="cp-size"] strong')
  await visible(sizeCell, 'checkpoint size')
  const size = Number(await sizeCell.textContent())
  assert.ok(size > 0, `checkpoint size ${size}`)
  // The root shown in hex is the server's root at that size.
  const shownRoot = (await page.locator('[data-test="cp-root"]').textContent()).trim()
  const atSize = await (await fetch(`${BASE}/api/v1/ledger/proof/inclusion?size=${size}&index=0`)).json()
  assert.equal(shownRoot, atSize.root)
  await visible(page.getByText(/\+[0-9a-f]{8}\+/), 'verifier key')
  await visible(page.locator('.chart canvas'), 'growth chart canvas')

  const verdict = page.locator('[data-test="verdict"]')
  const check = async (query) => {
    await page.getByLabel('叶子哈希或事件编号').fill(query)
    await page.getByRole('button', { name: '核验' }).click()
    await visible(verdict, `verdict for ${query}`)
  }
  await check('5')
  await visible(verdict.getByText('验证通过'), 'event 5 verified')
  assert.equal((await page.locator('[data-test="computed-root"]').textContent()).trim(), shownRoot)
  await axeCheck(page, '/ledger')
  await shot(page, 'ledger')

  // A hash that is no leaf: a failure that says why.
  await check('ab'.repeat(32))
  await visible(verdict.getByText('验证失败'), 'unknown leaf fails')
  await visible(verdict.getByText(/账本中没有这个叶子/), 'reason for the unknown leaf')
  await check('not a hash')
  await visible(verdict.getByText(/请输入 64 位十六进制的叶子哈希/), 'malformed input rejected')

  // The real leaf against a checkpoint root the user pasted that does not match: fails, shows the root.
  const leaf = (await (await fetch(`${BASE}/api/v1/ledger/entries?start=3&end=4`)).json()).entries[0].leaf_hash
  await page.getByLabel(/检查点根哈希/).fill('0'.repeat(64))
  await check(leaf.toUpperCase())
  await visible(verdict.getByText('验证失败'), 'wrong root fails')
  await visible(verdict.getByText('计算得到的根与检查点的根不一致'), 'reason for the wrong root')
  assert.equal((await page.locator('[data-test="computed-root"]').textContent()).trim(), shownRoot)
})

const AGENT = { login: 'agent.t01.v01', password: 'qinghe-agent-2026' }
const TOWN_STAFF = { login: 'staff.t01', password: 'qinghe-staff-2026' }

// Opens the case desk's queue of what this place holds and the case with that number.
async function openHeldCase(page, caseNo) {
  await page.goto(`${BASE}/workbench/cases`)
  const row = page.locator('[data-test=case-queue] .el-table__row', { hasText: caseNo })
  await visible(row, `case ${caseNo} in the queue`)
  await row.click()
  await visible(page.locator('[data-test=case-actions]'), 'case actions')
}

async function move(page, button, expectState) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/cases\/\d+\/[a-z-]+$/.test(r.url()) && r.request().method() === 'POST'),
    page.locator(`[data-test=${button}]`).click(),
  ])
  assert.equal(res.status(), 200, `${button}: ${res.status()} ${await res.text()}`)
  if (expectState) await visible(page.locator('[data-test=desk-state]', { hasText: expectState }), `state ${expectState}`)
  return res.json()
}

test('a case from a village room through the town to the county department, tracked and rated', async ({ page, context }) => {
  const figuresBefore = await (await fetch(`${BASE}/api/v1/case-figures`)).json()
  // The agent files for a resident of the village.
  await login(page, AGENT)
  await page.goto(`${BASE}/workbench/cases`)
  await page.locator('[data-test=open-filing]').click()
  await page.locator('[data-test=filing-item]').click()
  const option = page.locator('.el-select-dropdown__item:visible').first()
  await visible(option, 'an item to choose')
  await option.click()
  const phone = `139${String(Date.now()).slice(-8)}`
  await page.locator('input[data-test=filing-name]').fill('王秀英')
  await page.locator('input[data-test=filing-phone]').fill(phone)
  await page.locator('[data-test=filing-submit]').click()
  const no = page.locator('[data-test=filed-no]')
  await visible(no, 'the new case number')
  const caseNo = (await no.textContent()).trim()
  assert.match(caseNo, /^\d{14}$/)
  await axeCheck(page, '/workbench/cases')
  await shot(page, 'case-filed')

  await openHeldCase(page, caseNo)
  const filed = await move(page, 'forward-town', '已提交')
  assert.match(filed.holder_name, /便民服务中心$/)
  await visible(page.locator('[data-test=desk-holder]', { hasText: '便民服务中心' }), 'held by the town center')

  // The town center passes it to the department that owns the item.
  await context.clearCookies()
  await login(page, TOWN_STAFF)
  await openHeldCase(page, caseNo)
  const atDepartment = await move(page, 'forward-department')
  const dept = await (await fetch(`${BASE}/api/v1/departments/${atDepartment.department_id}`)).json()
  assert.equal(atDepartment.holder_name, dept.name)

  // The department accepts it, asks once for what is missing, takes the supplement and decides.
  await context.clearCookies()
  await login(page, { login: `staff.${dept.code.slice(2)}.1`, password: 'qinghe-staff-2026' })
  await openHeldCase(page, caseNo)
  await move(page, 'accept', '已受理')
  await page.locator('[data-test=notice]').click()
  await page.locator('textarea[data-test=missing]').fill('户口簿\n近期免冠照片')
  await move(page, 'action-submit', '待补正')
  await move(page, 'supplement', '已受理')
  await page.locator('[data-test=decide]').click()
  await move(page, 'action-submit', '已决定')
  await page.locator('[data-test=complete]').click()
  await move(page, 'action-submit', '已办结')
  await shot(page, 'case-desk')

  // The applicant, without an account, tracks it by number and phone and rates it.
  await context.clearCookies()
  await page.goto(`${BASE}/track?no=${caseNo}`)
  await page.locator('input[data-test=track-last4]').fill(phone.slice(-4))
  await page.locator('[data-test=track-submit]').click()
  await visible(page.locator('[data-test=track-state]', { hasText: '已办结' }), 'completed when tracked')
  const steps = await page.locator('[data-test=timeline] li strong').allTextContents()
  assert.deepEqual(steps, ['收件', '转报', '转报', '受理', '一次性告知补正', '补正材料', '作出决定', '办结'])
  assert.ok(!(await page.content()).includes(phone), 'the phone number is not shown')
  await page.getByRole('radio', { name: '满意', exact: true }).click({ force: true })
  await page.locator('[data-test=rating-submit]').click()
  await visible(page.locator('[data-test=rating-done]', { hasText: '满意' }), 'the rating is recorded')
  await axeCheck(page, '/track')
  await shot(page, 'case-tracked')
  const figuresAfter = await (await fetch(`${BASE}/api/v1/case-figures`)).json()
  assert.equal(figuresAfter.county.rated, figuresBefore.county.rated + 1)
  assert.equal(figuresAfter.county.by_score[3], figuresBefore.county.by_score[3] + 1)
})

// Every button and tile on a kiosk screen must be at least 48×48 CSS px.
async function checkTargets(page, label) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, a, summary')]
      .map((el) => ({ text: el.textContent.trim(), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 48 || r.height < 48))
      .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
  )
  assert.deepEqual(small, [], `${label}: touch targets under 48px`)
}

// --- runner ------------------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})

let passed = 0
let failed = 0
for (const t of tests) {
  // A fresh context per test: no cookies, sessionStorage or localStorage carried over.
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 }, ...t.options })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  // CSP violations show up as console errors starting with "Refused to".
  page.on('console', (m) => m.type() === 'error' && /Refused to/.test(m.text()) && problems.push(`CSP: ${m.text()}`))
  const t0 = Date.now()
  try {
    await t.fn({ page, context })
    assert.deepEqual(problems, [], 'no script errors or CSP violations')
    passed++
    console.log(`ok   ${t.name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failed++
    console.log(`FAIL ${t.name}\n     ${e.message.split('\n').join('\n     ')}`)
    await page.screenshot({ path: join(SHOTS, `failed-${passed + failed}.png`), fullPage: true }).catch(() => {})
  } finally {
    await context.close()
  }
}
await browser.close()

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
