# The two commands a newcomer needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
MOCHA := node_modules/.bin/mocha

.PHONY: help run test test-env deps build lint bench clean manifests

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

deps: ## install npm packages (only when the lockfile changed)
	@scripts/npm-install.sh

build: deps ## compile TypeScript into dist/ and bundle the dashboard into dist/web-ui/
	@npx tsc -p tsconfig.build.json
	@npx vite build --config internal/web/ui/vite.config.ts

run: build ## start api, bot and web in one process on the in-memory store
	node --enable-source-maps dist/cmd/platform/main.js

test-env: ## build or reuse the Go-built test servers (etcd, kube-apiserver, kubectl, FerretDB, helm)
	@tools/build.sh

test: ## install everything the tests need, then run every test
	@scripts/setup.sh
	@$(MOCHA)

lint: deps ## formatting (Prettier), eslint (type-aware) and the TypeScript compiler
	@npx prettier --check --log-level warn "**/*.{ts,tsx,js,cjs,mjs}" && npx eslint . && npx tsc -p tsconfig.json --noEmit && npx tsc -p internal/web/ui/tsconfig.json

bench: build ## run the benchmarks in bench/
	@for f in bench/*.ts; do [ -e "$$f" ] || continue; echo "== $$f"; node --import tsx "$$f" || exit 1; done

manifests: deps ## regenerate crds/, the chart's CRD and RBAC templates and manifests/ (needs helm: make test-env)
	@node --import tsx internal/operator/crd/generate.ts

.PHONY: operator-demo
operator-demo: deps ## run the operator against a local test control plane and apply the sample BotPlatform (DEMO_KEEP=1 keeps it up)
	@node --import tsx scripts/operator-demo.ts

clean: ## remove build output (cached Go binaries live outside the repo and stay)
	rm -rf dist coverage .tsbuildinfo
