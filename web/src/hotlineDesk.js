// The part the hotline's three desks (the center's console, the inbox, supervision) share: one ticket open in a
// drawer, named in the address (?ticket=) so that a reload, or a link passed on, opens it again; a refusal by the
// server (another town's ticket, say) is said plainly instead.
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { api } from './api.js'

export function useTicketDrawer(onChanged) {
  const route = useRoute()
  const router = useRouter()
  const chosen = ref(null)
  const refusal = ref('')

  async function load(id) {
    refusal.value = ''
    try {
      chosen.value = await api(`/api/v1/tickets/${encodeURIComponent(id)}`)
    } catch (e) {
      chosen.value = null
      if (e.status === 403) refusal.value = `无权查看该诉求：${e.message}。诉求只由热线受理中心、承办单位、协办部门和监督员查看。`
      else if (e.status === 404) refusal.value = '该诉求不存在。'
      else refusal.value = e.message
    }
  }

  function show(id) {
    router.replace({ path: route.path, query: { ...route.query, ticket: String(id) } })
  }

  function close() {
    const { ticket, ...rest } = route.query
    router.replace({ path: route.path, query: rest })
  }

  watch(
    () => route.query.ticket,
    (id) => (id ? load(id) : (chosen.value = null)),
    { immediate: true },
  )

  const open = computed({
    get: () => chosen.value !== null,
    set: (v) => v || close(),
  })

  function changed(t) {
    chosen.value = t
    onChanged?.(t)
  }

  return { chosen, refusal, open, show, changed }
}
