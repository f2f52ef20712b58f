// A guide's facts in words, alike wherever a guide is read (the portal, the query station, paper).

export function feesText(guide) {
  return guide.free ? '免费' : guide.fees.map((f) => `${f.name} ${f.amount} 元`).join('；')
}

// A time limit in working days; 0 is an item done on the spot.
export function daysText(days) {
  return days === 0 ? '即办' : `${days} 个工作日`
}

export function visitsText(guide) {
  return guide.visits === 0 ? '不用跑' : `${guide.visits} 次`
}

const FILE_KINDS = [
  { key: 'blank_form', name: '空白表格' },
  { key: 'sample', name: '示例样表' },
]

// A material's files (its blank form, a filled-in sample), each stored once by its hash and downloadable by
// anyone under the name the guide gives it.
export function materialFiles(material) {
  return FILE_KINDS.filter((k) => material[k.key]).map((k) => {
    const { sha256, file_name: fileName } = material[k.key]
    return { ...k, fileName, href: `/api/v1/attachments/${sha256}?name=${encodeURIComponent(fileName)}` }
  })
}
