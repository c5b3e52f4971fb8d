// ociregistry serves an OCI distribution registry over TLS: go-containerregistry's registry
// implementation (the one `crane registry serve` runs, which speaks plain HTTP only) behind Go's
// TLS server, so clients verify it like any real registry. Blobs are kept on disk (-disk),
// manifests in memory: a registry for tests and local mirrors, not for long-lived storage.
// Prints "https://HOST:PORT" on stdout once it accepts connections; stops on SIGINT/SIGTERM.
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	address := flag.String("address", "127.0.0.1:0", "address to listen on (port 0 picks a free one)")
	cert := flag.String("cert", "", "PEM server certificate (chain)")
	key := flag.String("key", "", "PEM private key of -cert")
	disk := flag.String("disk", "", "directory for blobs (default: memory)")
	verbose := flag.Bool("v", false, "log every request to stderr")
	flag.Parse()
	if *cert == "" || *key == "" {
		fail(fmt.Errorf("-cert and -key are required"))
	}
	pair, err := tls.LoadX509KeyPair(*cert, *key)
	fail(err)
	logger := log.New(io.Discard, "", 0)
	if *verbose {
		logger = log.New(os.Stderr, "ociregistry: ", log.LstdFlags)
	}
	opts := []registry.Option{registry.Logger(logger)}
	if *disk != "" {
		fail(os.MkdirAll(*disk, 0o755))
		opts = append(opts, registry.WithBlobHandler(registry.NewDiskBlobHandler(*disk)))
	}
	ln, err := net.Listen("tcp", *address)
	fail(err)
	srv := &http.Server{
		Handler:           registry.New(opts...),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          logger,
	}
	fmt.Printf("https://%s\n", ln.Addr())
	done := make(chan os.Signal, 1)
	signal.Notify(done, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-done
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()
	if err := srv.Serve(tls.NewListener(ln, srv.TLSConfig)); err != nil && err != http.ErrServerClosed {
		fail(err)
	}
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ociregistry:", err)
		os.Exit(1)
	}
}
