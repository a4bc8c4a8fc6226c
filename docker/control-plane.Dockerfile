# syntax=docker/dockerfile:1.7
# Aya control plane (admin API, config publisher) serving the built console.
# Build from the repo root: docker build -f docker/control-plane.Dockerfile .
FROM node:22-bookworm-slim AS build
WORKDIR /src
ENV NX_NO_CLOUD=true NX_DAEMON=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json nx.json tsconfig.base.json prisma.config.ts ./
COPY libs/config-schema/package.json libs/config-schema/
COPY apps/gateway/package.json apps/gateway/
COPY apps/control-plane/package.json apps/control-plane/
COPY apps/console/package.json apps/console/
COPY apps/cli/package.json apps/cli/
RUN npm ci
COPY prisma prisma
COPY libs/config-schema libs/config-schema
COPY apps/control-plane apps/control-plane
COPY apps/console apps/console
RUN npx nx run-many -t build -p @aya/control-plane @aya/console --outputStyle=static

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production AYA_CONSOLE_DIR=/app/apps/console/dist AYA_MIGRATIONS_DIR=/app/prisma/migrations
COPY package.json package-lock.json ./
COPY libs/config-schema/package.json libs/config-schema/
COPY apps/control-plane/package.json apps/control-plane/
RUN npm ci --omit=dev --workspace=@aya/control-plane --include-workspace-root=false && npm cache clean --force
COPY --from=build /src/libs/config-schema/dist libs/config-schema/dist
COPY --from=build /src/apps/control-plane/dist apps/control-plane/dist
COPY --from=build /src/apps/console/dist apps/console/dist
COPY prisma/migrations prisma/migrations
USER node
EXPOSE 8001
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.AYA_ADMIN_PORT||8001)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/control-plane/dist/main.js"]
