import { defineConfig } from 'vite';

// `npm run dev` proxies /api to a running `anchornet serve` (ANCHORNET_API, default :8080).
const api = process.env.ANCHORNET_API || 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2020',
  },
  server: { proxy: { '/api': { target: api, changeOrigin: false } } },
  preview: { proxy: { '/api': { target: api, changeOrigin: false } } },
});
