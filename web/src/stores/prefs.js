import { defineStore } from 'pinia'

// 适老化 (elderly mode) is a per-device choice, so it lives in localStorage, not in the account.
const KEY = 'fishbowl.elderly'

function apply(on) {
  document.documentElement.classList.toggle('elderly', on)
}

export const usePrefs = defineStore('prefs', {
  state: () => ({ elderly: localStorage.getItem(KEY) === '1' }),
  actions: {
    init() {
      apply(this.elderly)
    },
    toggleElderly() {
      this.elderly = !this.elderly
      localStorage.setItem(KEY, this.elderly ? '1' : '0')
      apply(this.elderly)
    },
  },
})
