//go:build tools

// Pins go-containerregistry's crane (image assembly and pushes without a container engine).
package tools

import _ "github.com/google/go-containerregistry/cmd/crane"
