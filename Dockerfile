# Sightline's API and worker: one image, the command picks the process (`api` or `worker`, see docker-compose.yml).
# Build stage: the full node image carries python3, make and g++ for native modules (re2) without a prebuilt binary.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
ENTRYPOINT ["node", "bin/sightline.js"]
CMD ["api"]
