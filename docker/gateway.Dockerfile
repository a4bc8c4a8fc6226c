# syntax=docker/dockerfile:1.7
# Aya gateway (data plane). Build from the repo root: docker build -f docker/gateway.Dockerfile .
FROM node:22-bookworm-slim AS build
WORKDIR /src
ENV NX_NO_CLOUD=true NX_DAEMON=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY libs/config-schema/package.json libs/config-schema/
COPY apps/gateway/package.json apps/gateway/
COPY apps/control-plane/package.json apps/control-plane/
COPY apps/console/package.json apps/console/
COPY apps/cli/package.json apps/cli/
RUN npm ci
COPY libs/config-schema libs/config-schema
COPY apps/gateway apps/gateway
RUN npx nx run @aya/gateway:build --outputStyle=static

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY libs/config-schema/package.json libs/config-schema/
COPY apps/gateway/package.json apps/gateway/
RUN npm ci --omit=dev --workspace=@aya/gateway --include-workspace-root=false && npm cache clean --force
COPY --from=build /src/libs/config-schema/dist libs/config-schema/dist
COPY --from=build /src/apps/gateway/dist apps/gateway/dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000 8100
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.AYA_STATUS_PORT||8100)+'/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/gateway/dist/main.js"]
