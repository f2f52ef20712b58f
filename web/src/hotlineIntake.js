// Help for the center while it takes a ticket: knowledge answers that may settle it at once, and open tickets about
// the same thing nearby, which it may merge instead of dispatching twice.
import { onBeforeUnmount, ref, watch } from 'vue'
import { api } from './api.js'

export function ticketSuggestions({ region_id, title, description, ticket_id }) {
  const body = { region_id, title: title.trim() }
  if (description?.trim()) body.description = description.trim().slice(0, 2000)
  if (ticket_id) body.ticket_id = ticket_id
  return api('/api/v1/tickets/suggestions', { method: 'POST', body })
}

export function mergeTicket(id, intoId, note) {
  const body = { into_id: intoId }
  if (note?.trim()) body.note = note.trim()
  return api(`/api/v1/tickets/${id}/merge`, { method: 'POST', body })
}

// Suggestions for what `source()` returns ({ region_id, title, description, ticket_id }), asked again `wait` ms
// after it stops changing (a clerk types while the caller talks); nothing is asked until a place and a title are
// there. A late answer for an older draft is dropped.
export function useSuggestions(source, wait = 600) {
  const result = ref(null)
  const error = ref('')
  let timer = null
  let asked = 0

  async function ask(draft) {
    const n = ++asked
    try {
      const r = await ticketSuggestions(draft)
      if (n === asked) {
        result.value = r
        error.value = ''
      }
    } catch (e) {
      if (n === asked) {
        result.value = null
        error.value = e.message
      }
    }
  }

  watch(
    source,
    (draft) => {
      clearTimeout(timer)
      if (!draft?.region_id || !draft.title?.trim()) {
        asked++
        result.value = null
        return
      }
      timer = setTimeout(() => ask(draft), draft.ticket_id ? 0 : wait)
    },
    { immediate: true, deep: true },
  )
  onBeforeUnmount(() => clearTimeout(timer))

  return { result, error }
}
