# syntax=docker/dockerfile:1
#
# One image per simpul service, from one Dockerfile: the service is a build argument.
#
#   docker build --build-arg SERVICE=orders -t simpul-orders:0.1.0 .
#
# The image starts the service with the same command the tests use for a built service
# (`node dist/services/<SERVICE>/src/main.js`, see libs/testing/src/service-process.ts). The same
# image runs the one-shot jobs by overriding the command:
#
#   node dist/services/<SERVICE>/src/migrate.js            (needs DATABASE_URL)
#   node dist/libs/messaging/src/topics/provision.cli.js   (KAFKA_BROKERS, KAFKA_REPLICATION_FACTOR)
#
# Node.js is pinned to the version the tests ran on. Node 20 reaches its end of life; moving to
# the 22 or 24 LTS line is this one argument (--build-arg NODE_VERSION=22.x.y); see
# docs/operations.md.
ARG NODE_VERSION=20.20.2

# ---------------------------------------------------------------------------------------------
# base: the pinned Node.js image every stage starts from.
FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# ---------------------------------------------------------------------------------------------
# deps: every dependency, dev ones included (TypeScript and tsc-alias build the workspace).
# --ignore-scripts: the build needs no install script (tsc and tsc-alias are plain JavaScript),
# and it keeps native builds of test-only packages (ssh2, cpu-features) out of the image build.
FROM base AS deps
COPY package.json package-lock.json ./
# The npm workspace (tools/simpul): npm ci refuses a lockfile whose workspace is missing.
COPY tools/simpul/package.json tools/simpul/package.json
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts

# ---------------------------------------------------------------------------------------------
# build: compiles every project to dist/ (tsc + tsc-alias), the services' part of `npm run build`
# on a developer's machine (the web console, apps/console, is not in these images). It does not
# depend on SERVICE, so the four images share this stage.
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs ./libs
COPY services ./services
COPY tools ./tools
RUN npm run build:services \
 && rm -rf dist/libs/testing dist/.tsbuildinfo

# ---------------------------------------------------------------------------------------------
# prod-deps: the runtime dependencies only (no jest, nx, testcontainers, embedded-postgres, …).
FROM base AS prod-deps
COPY package.json package-lock.json ./
COPY tools/simpul/package.json tools/simpul/package.json
# The workspace link (node_modules/simpul-cli -> ../tools/simpul) points at a folder the runtime
# image does not have: drop it. Packages are folders; only workspace links are links.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts \
 && find node_modules -maxdepth 1 -type l -delete

# ---------------------------------------------------------------------------------------------
# runtime: production node_modules, package.json and the compiled code of one service and the
# shared libraries. Everything is owned by root and read-only for the `node` user that runs it.
FROM base AS runtime
ARG SERVICE
# Fail the build early and by name on a missing or unknown service.
RUN case "${SERVICE}" in \
      catalog|orders|logistics|pricing) ;; \
      *) echo "SERVICE must be one of catalog, orders, logistics, pricing (got '${SERVICE}')" >&2; exit 1 ;; \
    esac
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    SIMPUL_SERVICE=${SERVICE}
LABEL org.opencontainers.image.title="simpul-${SERVICE}" \
      org.opencontainers.image.description="simpul ${SERVICE} service (NestJS, Kafka, PostgreSQL)"
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist/libs ./dist/libs
COPY --from=build /app/dist/services/${SERVICE} ./dist/services/${SERVICE}
USER node
EXPOSE 8080
# No curl in slim images: Node's own fetch asks the readiness endpoint (Kafka and PostgreSQL up).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The shell only expands the service name, then `exec` replaces it with node: node is PID 1 and
# receives SIGTERM itself (the service drains its consumers and outbox within 15 s and exits 0).
CMD ["/bin/sh", "-c", "exec node dist/services/${SIMPUL_SERVICE}/src/main.js"]
