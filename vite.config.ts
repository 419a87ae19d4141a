import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: 'web',
  plugins: [solid()],
  // One copy of yjs for the editor, the provider and y-prosemirror, or Yjs's type checks break.
  resolve: { dedupe: ['yjs', 'y-protocols', 'lib0', 'prosemirror-model', 'prosemirror-state', 'prosemirror-view'] },
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  server: {
    port: 5173,
    proxy: {
      '/trpc': api, '/auth': api, '/export': api, '/healthz': api,
      '/collab': { target: api.replace('http', 'ws'), ws: true },
    },
  },
});
