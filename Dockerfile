# syntax=docker/dockerfile:1
# The reference stack's image (stack/: gateway and fake providers), for deploy/k8s. One image,
# three roles: the manifests pick the entry point (stack/gateway/main.ts or
# stack/provider/main.ts) with `command`. TypeScript runs through tsx, a runtime dependency
# (never a compile step), so `npm ci --omit=dev` keeps everything the stack imports.
#   docker build -t ai-chaos-stack:dev .
# Build context: the repository root (see .dockerignore).

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY stack ./stack
# What the stack shares with the k6 side (durations, error body, ports, safety rails); a leaf.
COPY contracts ./contracts
# The image's `node` user, by number, so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# ai-service, provider-a, provider-b (each container uses one).
EXPOSE 8080 9001 9002
# node:cluster forks the gateway's workers with the primary's execArgv, so `--import tsx`
# reaches them too. tsx keeps its cache in the OS temp dir (an emptyDir at /tmp on Kubernetes).
ENTRYPOINT ["node", "--import", "tsx"]
CMD ["stack/gateway/main.ts", "--host", "0.0.0.0", "--port", "8080"]
