import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import router from './router.js'
import { usePrefs } from './stores/prefs.js'
import './styles/base.css'

const app = createApp(App)
app.use(createPinia())
// Apply elderly mode before the first render so the page does not jump from small to large text.
usePrefs().init()
app.use(router)
app.mount('#app')
