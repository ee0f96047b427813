#!/usr/bin/env bash
# kubectl for the manifest tests (tests/Platform.Silo.Tests/KubernetesManifestTests.cs render k8s/overlays/* with
# `kubectl kustomize`). Installed with apt when missing: Debian bookworm's kubernetes-client (kubectl 1.20, kustomize
# v2 built in), which is why the kustomizations keep to fields kustomize v2 knows.
set -euo pipefail
command -v kubectl >/dev/null && exit 0
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends kubernetes-client >&2; then
  $sudo apt-get update >&2
  $sudo apt-get install -y --no-install-recommends kubernetes-client >&2
fi
command -v kubectl >/dev/null || { echo "scripts/kubectl.sh: kubectl is still missing" >&2; exit 1; }
