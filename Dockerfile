# syntax=docker/dockerfile:1
# Soczakaz: API (ROLE=api) and background worker (ROLE=worker) from one image.
# Needs DATABASE_URL and REDIS_URL (see docker-compose.yml); the embedded PGlite/redis-server
# fallback of `npm start` is for trying the service on a workstation, not for containers.

# ---- build: all dependencies, compile TypeScript to dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` with the lockfile (`npm ci` rejects this lockfile on some registries).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY workflows ./workflows
COPY migrations ./migrations
RUN npm run build

# ---- runtime: production dependencies and dist/ only, as the unprivileged `node` user ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The app's files stay root-owned (read-only to it); only DATA_DIR is writable.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
ENV PORT=3000
EXPOSE 3000
# Liveness of the HTTP API. The worker serves no HTTP: docker-compose.yml disables this for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
