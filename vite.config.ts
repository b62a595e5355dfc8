/** Vite build of the web app: root `client/`, output `dist/client`, dev proxy to the API server on :3000. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://127.0.0.1:3000';

/** In dev, `client/api/*.ts` modules are served at `/api/…` too: those stay with Vite, not the server. */
const keepSourceModules = (req: { url?: string }) => (/\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // The editor chunk (TipTap + Yjs) is large by nature; it is only loaded on the plan page.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|use-sync-external-store|cookie|set-cookie-parser)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/ },
            { name: 'realtime', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io|debug|ms|xmlhttprequest-ssl)[\\/]/ },
            {
              name: 'editor',
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z]+|yjs|y-[a-z]+|lib0|linkifyjs|orderedmap|rope-sequence|w3c-keyname|fast-deep-equal|markdown-it|mdurl|uc\.micro|linkify-it|punycode\.js|entities)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false, bypass: keepSourceModules },
      '/metrics': { target: api, changeOrigin: false },
      '/yjs': { target: api, ws: true, changeOrigin: false },
      '/socket.io': { target: api, ws: true, changeOrigin: false },
    },
  },
});
