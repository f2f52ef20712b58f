import { defineStore } from 'pinia'
import { api, setCsrfToken } from '../api.js'
import { SHELLS } from '../labels.js'
import { useRegions } from './regions.js'

let restoring = null

export const useSession = defineStore('session', {
  state: () => ({ account: null, restored: false }),
  getters: {
    roles: (s) => (s.account ? s.account.roles.map((r) => r.role) : []),
    // Shells this account may open; the portal is open to everyone, logged in or not.
    shells() {
      return SHELLS.filter((sh) => !sh.roles || sh.roles.some((r) => this.roles.includes(r)))
    },
    // Where to land after login: the first working shell the account has, else the portal.
    home() {
      const own = this.shells.find((sh) => sh.roles)
      return own ? own.path : '/'
    },
  },
  actions: {
    canOpen(shellKey) {
      return this.shells.some((sh) => sh.key === shellKey)
    },
    // Whether the account may import the catalogue, whose rows may name any department and region: only a grant
    // over the county itself (not one of its departments or towns) may, as the server decides. A grant names its
    // region but not the region's level, so that is looked up.
    async keepsCatalogue() {
      return this.holdsOverCounty(['admin', 'staff'])
    },
    // Whether one of the account's grants of these roles covers the county itself (not a department or a
    // town). A grant names its region but not its level, so that is looked up.
    async holdsOverCounty(roles) {
      const grants = (this.account?.roles || []).filter(
        (g) => roles.includes(g.role) && g.region_id && !g.department_id,
      )
      for (const g of grants) if ((await useRegions().detail(g.region_id)).level === 'county') return true
      return false
    },
    // Asks the server once per page load (the router guard calls this on every navigation) so a
    // reload keeps the user logged in. A login that lands first wins over a late answer.
    restore() {
      restoring ||= api('/api/v1/auth/me').then(
        (s) => this.restored || this.adopt(s),
        () => this.restored || this.adopt(null),
      )
      return restoring
    },
    adopt(s) {
      this.account = s ? s.account : null
      setCsrfToken(s ? s.csrf_token : '')
      this.restored = true
    },
    async login(login, password) {
      // With a live session cookie the server wants its CSRF token even on login; /auth/me has it.
      await this.restore()
      this.adopt(await api('/api/v1/auth/login', { method: 'POST', body: { login, password } }))
    },
    async logout() {
      try {
        await api('/api/v1/auth/logout', { method: 'POST' })
      } finally {
        // Even if the server already ended the session, forget it here.
        this.account = null
        setCsrfToken('')
      }
    },
  },
})
