#!/usr/bin/env bash
# Builds (or reuses) the Go-built test servers. Each lands in
# ~/.cache/botplatform/bin/<name>-<version>/<name> and is rebuilt only when missing.
# Prints what it builds and how long it took, so a cold run never looks hung.
#   tools/build.sh            build all
#   tools/build.sh --print    print name=path lines for the harness (no build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${BOTPLATFORM_BIN_CACHE:-$HOME/.cache/botplatform/bin}
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CGO_ENABLED=0

K8S_VERSION=v1.35.4
ETCD_VERSION=v3.6.5          # the etcd server in kube's own module graph
FERRETDB_VERSION=v1.24.2
HELM_VERSION=v3.22.0

k8s_ldflags() {
  local minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  local f="-s -w"
  # Without these /version says v0.0.0-master, which breaks helm's kubeVersion checks.
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    f+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$f"
}

path_of() { echo "$cache/$1-$2/$1"; }

# What a binary is built from: its wrapper module's files and flags. A change to any
# of them (a new pin, a patched main.go) rebuilds it even though the version is the same.
inputs_hash() { # module-dir ldflags
  (cd "$here/$1" && cat go.mod go.sum $(ls *.go 2>/dev/null) && echo "$2") | sha256sum | cut -c1-16
}

build() { # name version module-dir package ldflags
  local name=$1 version=$2 dir=$3 pkg=$4 ldflags=$5 out stamp hash
  out=$(path_of "$name" "$version")
  stamp="$out.inputs"
  hash=$(inputs_hash "$dir" "$ldflags")
  if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
    echo "test-env: $name $version cached at $out"; return
  fi
  echo "test-env: building $name $version ($pkg in tools/$dir; cold builds take minutes) ..."
  local start=$SECONDS
  mkdir -p "$(dirname "$out")"
  (cd "$here/$dir" && go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "$pkg")
  mv "$out.tmp" "$out"
  echo "$hash" > "$stamp"
  echo "test-env: built $name $version in $((SECONDS - start)) s"
}

if [ "${1:-}" = "--print" ]; then
  echo "etcd=$(path_of etcd $ETCD_VERSION)"
  echo "kube-apiserver=$(path_of kube-apiserver $K8S_VERSION)"
  echo "kubectl=$(path_of kubectl $K8S_VERSION)"
  echo "ferretdb=$(path_of ferretdb $FERRETDB_VERSION)"
  echo "helm=$(path_of helm $HELM_VERSION)"
  exit 0
fi

build ferretdb "$FERRETDB_VERSION" ferretdb . "-s -w"
build helm "$HELM_VERSION" helm helm.sh/helm/v3/cmd/helm \
  "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
build etcd "$ETCD_VERSION" kube go.etcd.io/etcd/server/v3 "-s -w"
build kube-apiserver "$K8S_VERSION" kube k8s.io/kubernetes/cmd/kube-apiserver "$(k8s_ldflags)"
build kubectl "$K8S_VERSION" kube k8s.io/kubernetes/cmd/kubectl "$(k8s_ldflags)"
