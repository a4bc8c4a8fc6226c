import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The lib ships CommonJS in dist; bundling its TypeScript source gives Vite real ES modules
// (tree-shaking, no CJS interop) and means the console never runs on a stale build of the contract.
const configSchemaSrc = fileURLToPath(new URL('../../libs/config-schema/src/index.ts', import.meta.url));

// Where `vite dev` forwards /api; the control plane serves the built console itself in production.
const devApiTarget = process.env.AYA_CONSOLE_DEV_API ?? 'http://127.0.0.1:8001';

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@aya\/config-schema$/, replacement: configSchemaSrc }],
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: devApiTarget, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
