# ontschot: one image for every part (docker-compose.yml runs it once per part).
# The hub runs its TypeScript through tsx, which is why tsx is a runtime dependency.
# No secret is baked in: every key comes from the environment at run time (README.md, Configuration).

# 1. Production dependencies only, from the lockfile.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 2. The runtime: the sources and those dependencies, owned by root and read-only to the user
#    the hub runs as; only DATA_DIR is that user's to write.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV PATH=/app/node_modules/.bin:$PATH \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN mkdir -p /app/.data && chown node:node /app/.data && chmod 0700 /app/.data
USER node
EXPOSE 4000
# node itself does the check: the slim image has no curl or wget. Parts that serve GraphQL answer
# /healthz on PORT; compose sets a check per part.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 (tsx as a loader, not a wrapper), so SIGTERM from `docker stop` reaches
# the hub's own handler: it drains the requests in flight and signs the audit log before exiting.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
