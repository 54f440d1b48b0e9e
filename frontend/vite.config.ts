import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The backend serves the API, Socket.IO and the built app on one origin; in development
// the Vite server stands in for it and forwards everything else to the backend.
const backendUrl = 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
