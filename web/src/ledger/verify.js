// Checking the public ledger in the browser, so that a citizen need not trust the server's own answer:
// RFC 9162 §2.1.3.2 inclusion proofs over SHA-256 (WebCrypto), and reading the signed checkpoint note.
// Pure module without Vue or Vite, so the e2e run can test it directly in Node against the RFC 6962 vectors.

const HEX64 = /^[0-9a-f]{64}$/i

export function isHash(text) {
  return HEX64.test(text)
}

export function hexToBytes(hex) {
  if (hex.length % 2 || /[^0-9a-f]/i.test(hex)) throw new Error(`不是十六进制：${hex}`)
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16)
  return out
}

export function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function base64ToHex(b64) {
  return bytesToHex(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))
}

// WebCrypto exists only in secure contexts (HTTPS or localhost); say so instead of failing obscurely.
function subtle() {
  const s = globalThis.crypto && globalThis.crypto.subtle
  if (!s) throw new Error('浏览器不支持 WebCrypto（需要通过 HTTPS 访问本页）')
  return s
}

async function sha256(prefix, ...parts) {
  const len = parts.reduce((n, p) => n + p.length, 1)
  const buf = new Uint8Array(len)
  buf[0] = prefix
  let at = 1
  for (const p of parts) {
    buf.set(p, at)
    at += p.length
  }
  return new Uint8Array(await subtle().digest('SHA-256', buf))
}

// Leaf hash: SHA-256(0x00 || data). `data` is a string (the leaf's UTF-8 text) or bytes.
export async function leafHash(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  return bytesToHex(await sha256(0x00, bytes))
}

// Interior node: SHA-256(0x01 || left || right).
export async function nodeHash(leftHex, rightHex) {
  return bytesToHex(await sha256(0x01, hexToBytes(leftHex), hexToBytes(rightHex)))
}

// RFC 9162 §2.1.3.2. Returns { ok, root } where root is the root the proof leads to (null when the
// proof's shape does not fit index and size, so no root can be computed), all hex lower case.
// BigInt because JS bit operators work on 32 bits and tree sizes go up to 2^53.
export async function verifyInclusion({ index, size, leafHash: leaf, proof, root }) {
  const fail = (computed, reason) => ({ ok: false, root: computed, reason })
  let fn = BigInt(index)
  let sn = BigInt(size) - 1n
  if (fn < 0n || fn > sn) return fail(null, '叶子序号不在检查点的范围内')
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return fail(null, '哈希格式不正确')
  let r = leaf.toLowerCase()
  for (const p of proof) {
    if (sn === 0n) return fail(null, '证明路径过长')
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r)
      // Right edge of a smaller subtree (fn == sn, even): climb to where it is a right child.
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n
        sn >>= 1n
      }
    } else {
      r = await nodeHash(r, p)
    }
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n) return fail(r, '证明路径过短')
  if (r !== root.toLowerCase()) return fail(r, '计算得到的根与检查点的根不一致')
  return { ok: true, root: r, reason: '' }
}

// A C2SP tlog-checkpoint in a signed note: origin, tree size, base64 root, blank line, "— " signatures.
// Only read here; the Ed25519 signature is shown, not checked (the `fishbowl ledger` tool checks it).
export function parseCheckpoint(text) {
  const [body, sigs = ''] = String(text).split('\n\n')
  const lines = body.split('\n')
  if (lines.length < 3 || !/^\d+$/.test(lines[1])) throw new Error('检查点格式不正确')
  const rootHex = base64ToHex(lines[2])
  if (!isHash(rootHex)) throw new Error('检查点的根哈希格式不正确')
  return {
    origin: lines[0],
    size: Number(lines[1]),
    rootBase64: lines[2],
    rootHex,
    signatures: sigs.split('\n').filter((l) => l.startsWith('— ')),
  }
}
