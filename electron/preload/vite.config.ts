import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Sandboxed preloads cannot `require` project files, so the preload and the bits of the contract it needs are
// bundled into one CommonJS file; `electron` stays external.
export default defineConfig({
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/electron'),
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
