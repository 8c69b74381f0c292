# syntax=docker/dockerfile:1
# One image per service, each a target of this file:
#   docker build --target router -t switchyard/router:0.1.0 .
# Targets: router, selector, executor, critic, ledger, provider-sim.
# Each image holds Node, the service's built JavaScript and its production dependencies only
# (no sources, no dev tools), and runs as the unprivileged user 1000.
# Pin NODE_IMAGE to a digest in your build pipeline (node:20...@sha256:...).
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: install everything, generate nothing (generated code is committed), compile ---
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=1 TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=./services/* --filter=@switchyard/provider-sim

# --- dependencies: each service's production dependencies, nothing else ---
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /deps
COPY package.json package-lock.json .npmrc ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/runtime/package.json packages/runtime/
COPY services/router/package.json services/router/
COPY services/selector/package.json services/selector/
COPY services/executor/package.json services/executor/
COPY services/critic/package.json services/critic/
COPY services/ledger/package.json services/ledger/
COPY tools/provider-sim/package.json tools/provider-sim/
RUN for workspace in services/router services/selector services/executor services/critic services/ledger tools/provider-sim; do \
      npm ci --omit=dev --no-audit --no-fund --workspace "$workspace" \
      && mkdir -p "/out/$workspace" && mv node_modules "/out/$workspace/node_modules" || exit 1; \
    done

# --- assemble: each image's /app, laid out by one script (scripts/assemble-images.sh) ---
FROM build AS assemble
COPY --from=dependencies /out /deps
RUN sh scripts/assemble-images.sh /deps /apps

# --- the images: Node, one /app, an unprivileged user ---
FROM ${NODE_IMAGE} AS service
ENV NODE_ENV=production HOST=0.0.0.0 SWITCHYARD_CONFIG=/etc/switchyard/switchyard.yaml
WORKDIR /app
USER 1000:1000

FROM service AS router
COPY --from=assemble /apps/services/router/ ./
EXPOSE 50051 8080 9091
CMD ["node", "services/router/dist/main.js"]

FROM service AS selector
COPY --from=assemble /apps/services/selector/ ./
EXPOSE 50052 9092
CMD ["node", "services/selector/dist/main.js"]

FROM service AS executor
COPY --from=assemble /apps/services/executor/ ./
EXPOSE 50053 9093
CMD ["node", "services/executor/dist/main.js"]

FROM service AS critic
COPY --from=assemble /apps/services/critic/ ./
EXPOSE 50054 9094
CMD ["node", "services/critic/dist/main.js"]

FROM service AS ledger
COPY --from=assemble /apps/services/ledger/ ./
EXPOSE 50055 9095
CMD ["node", "services/ledger/dist/main.js"]

# Development only (overlays/dev): the provider simulator.
FROM ${NODE_IMAGE} AS provider-sim
ENV NODE_ENV=production SIM_HOST=0.0.0.0
WORKDIR /app
USER 1000:1000
COPY --from=assemble /apps/tools/provider-sim/ ./
EXPOSE 18080
CMD ["node", "tools/provider-sim/dist/main.js"]
