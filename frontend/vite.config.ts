import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

// The backend serves the API, Socket.IO and the built app on one origin; in development
// the Vite server stands in for it and forwards everything else to the backend.
const backendUrl = 'http://localhost:3000';

/** Our workspace packages (@messenger/contract …) are bundled from their TypeScript source, never a stale build. */
const SOURCE_CONDITION = '@messenger/source';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  server: {
    port: 5173,
    proxy: {
      '/api': backendUrl,
      '/socket.io': { target: backendUrl, ws: true },
    },
  },
  build: {
    outDir: 'dist',
  },
});
