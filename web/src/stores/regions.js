import { defineStore } from 'pinia'
import { api } from '../api.js'

// Region details change rarely and are read on every step of the navigator; cache them for the visit.
export const useRegions = defineStore('regions', {
  state: () => ({ all: null, details: {} }),
  actions: {
    async list() {
      if (!this.all) this.all = (await api('/api/v1/regions')).items
      return this.all
    },
    async roots() {
      return (await this.list()).filter((r) => r.parent_id === null)
    },
    async detail(id) {
      if (!this.details[id]) this.details[id] = await api(`/api/v1/regions/${encodeURIComponent(id)}`)
      return this.details[id]
    },
  },
})
