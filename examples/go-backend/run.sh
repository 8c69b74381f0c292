#!/bin/sh
# Builds and runs the Go backend with no network: Go's GOPATH mode over the gRPC and protobuf
# sources Debian installs in /usr/share/gocode (golang-google-grpc-dev,
# golang-google-protobuf-dev), with this repository linked in as import path "switchyard".
# Extra arguments go to `go build` (e.g. -o to keep the binary).
set -eu
repository=$(cd "$(dirname "$0")/../.." && pwd)
# One GOPATH per checkout, outside it (a link back to the checkout inside it would loop).
gopath=${SWITCHYARD_GOPATH:-${TMPDIR:-/tmp}/switchyard-gopath-$(printf %s "$repository" | cksum | cut -d" " -f1)}
mkdir -p "$gopath/src"
ln -sfn "$repository" "$gopath/src/switchyard"
binary="$gopath/bin/go-backend"
GO111MODULE=off GOFLAGS= GOPROXY=off GOPATH="$gopath:/usr/share/gocode" \
  go build -o "$binary" "$@" switchyard/examples/go-backend
exec "$binary"
