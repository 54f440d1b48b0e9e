/** Empty means same origin: the backend serves this app, /api and /socket.io on one port. */
export const apiBaseUrl = import.meta.env.VITE_API_URL ?? '';
export const realtimeUrl = import.meta.env.VITE_WS_URL ?? '';
