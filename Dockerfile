# liqmap: one image for every role (serve, collect, model). Runs the TypeScript sources through tsx.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production LIQMAP_LOG_JSON=1
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY bin ./bin
COPY src ./src
COPY web ./web
COPY tsconfig.json ./
RUN mkdir -p /data && chown node:node /data
USER node
ENV LIQMAP_DATA_DIR=/data
ENTRYPOINT ["node", "bin/liqmap.mjs"]
CMD ["serve"]
