//go:build tools

// Package tools pins Crossplane core for the real-control-plane tests.
package tools

import _ "github.com/crossplane/crossplane/v2/cmd/crossplane"
