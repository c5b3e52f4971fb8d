//go:build tools

// Package tools pins provider-kubernetes for the real-control-plane tests.
package tools

import _ "github.com/crossplane-contrib/provider-kubernetes/cmd/provider"
