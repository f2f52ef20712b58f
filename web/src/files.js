// A file the user chose, as the standard base64 the API takes in JSON bodies. A data URL is the browser's own
// base64 (fast, even for a file of several MB); only its prefix ("data:…;base64,") is dropped.
export function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

// A size for people: 1.4 MB, 820 KB.
export function sizeText(bytes) {
  if (bytes >= 1000 * 1000) return `${(bytes / 1000 / 1000).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1000))} KB`
}

// A photo the browser can show as it is (a ticket's JPEG or PNG), told by its name: the file lists give no type.
export function isImageName(name) {
  return /\.(jpe?g|png)$/i.test(name)
}
