// The console's build: `npm run build:console` (and scripts/build.mjs) writes dist/console/, which
// the server serves at /console/. Everything is bundled locally: no CDN at run time.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: here,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // chart.js alone is ~200 kB; the console is one app, loaded once
    chunkSizeWarningLimit: 1000,
  },
})
