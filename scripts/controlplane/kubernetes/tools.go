//go:build tools

// Package tools pins one Kubernetes release for the real-control-plane tests: kube-apiserver,
// kube-controller-manager (garbage collection, namespace deletion) and kubectl.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
