# liqmap: one image for every role (serve, collect, model). Runs the TypeScript sources through tsx.
# Build stage: every dependency (Vite) to build the web UI into web/dist.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
COPY web ./web
# npm ci's prepare script (bin/ensure-web.mjs) builds the UI; the check fails the build if it did not.
RUN npm ci && test -f web/dist/index.html

# Runtime: production dependencies, the sources and the built UI.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production LIQMAP_LOG_JSON=1
COPY package.json package-lock.json ./
COPY bin ./bin
COPY --from=web /app/web/dist ./web/dist
# prepare finds the UI built (and would only warn: Vite is a dev dependency).
RUN npm ci --omit=dev
COPY src ./src
COPY tsconfig.json ./
RUN mkdir -p /data && chown node:node /data
USER node
ENV LIQMAP_DATA_DIR=/data
ENTRYPOINT ["node", "bin/liqmap.mjs"]
CMD ["serve"]
