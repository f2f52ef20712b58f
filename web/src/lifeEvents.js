// The life events with their item counts, split into a person's (人生事件) and a business's (企业事件), in the
// order the API lists them.
import { api } from './api.js'
import { BUSINESS_EVENTS } from './labels.js'

export async function lifeEventGroups() {
  const { items } = await api('/api/v1/life-events')
  return [
    { key: 'personal', name: '人生事件', events: items.filter((e) => !BUSINESS_EVENTS.includes(e.name)) },
    { key: 'business', name: '企业事件', events: items.filter((e) => BUSINESS_EVENTS.includes(e.name)) },
  ]
}

// The catalogue filtered by one event: the home page, the catalogue and a guide all link there.
export function eventQuery(name) {
  return { path: '/services', query: { life_event: name } }
}
