import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import compression from 'vite-plugin-compression'

// The API server for `npm run dev`; the built app is served by `fishbowl serve --web-root web/dist`.
const api = process.env.FISHBOWL_URL || 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus is imported per component (with its CSS) so the portal does not ship the whole library.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    // fishbowl serves a `.gz` sibling when the client accepts gzip; it does not compress on the fly.
    compression({ algorithm: 'gzip', ext: '.gz', threshold: 512, filter: /\.(js|css|html|svg|json)$/i, verbose: false }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    rolldownOptions: {
      output: {
        // Vue, the router and Pinia change together and rarely: one long-cached chunk. Element Plus stays
        // split by use, so form components only load with the login page.
        codeSplitting: { groups: [{ name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/ }] },
      },
    },
  },
  server: { proxy: { '/api': api } },
})
