# syntax=docker/dockerfile:1.7
# One image for every binary: api, bot, web, operator and the all-in-one platform.
# Each binary is its own entrypoint file, dist/cmd/<binary>/main.js; the operator's
# Deployments pick one with `command: ["node", "dist/cmd/<binary>/main.js"]`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY cmd ./cmd
COPY internal ./internal
RUN npx tsc -p tsconfig.build.json \
 && npx vite build --config internal/web/ui/vite.config.ts \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# HOST: in a container the port is only reachable through the pod's own address; local runs
# (make run) keep the 127.0.0.1 default so a laptop never serves its admin key to the LAN.
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only for the runtime user: the app never writes its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Numeric UID so Kubernetes can verify runAsNonRoot without reading /etc/passwd.
USER 1000:1000
EXPOSE 8000 8001 8002
ENTRYPOINT ["node"]
CMD ["dist/cmd/platform/main.js"]
