# Build stage: compile TypeScript (and better-sqlite3's native addon) and the web console.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY packages/guard/package.json packages/guard/
COPY examples/inventory-service/package.json examples/inventory-service/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime stage: only the built code and production dependencies.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# node_modules/@latchkey/guard links to the workspace package the server imports.
COPY --from=build /app/packages/guard/package.json ./packages/guard/
COPY --from=build /app/packages/guard/dist ./packages/guard/dist
COPY --from=build /app/console/dist ./console/dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
