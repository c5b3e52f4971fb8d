// ociimage assembles a runtime image from uncompressed tar layers with go-containerregistry (the
// library behind crane): no container engine. Output is a docker-archive tarball (what crane push
// and `crossplane xpkg build --embed-runtime-image-tarball` read). Reproducible: the config carries
// no timestamps or history, and gzip is deterministic, so the same layers give the same digest.
// A docker-archive records no media types (readers take Docker's), so the image is built with
// Docker's: the digest printed is the one `crane push` of the tarball gives, checked by reading the
// written tarball back.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var layers, env, entrypoint, ports, labels list
	flag.Var(&layers, "layer", "uncompressed tar layer, bottom first (repeatable)")
	flag.Var(&env, "env", "KEY=VALUE (repeatable)")
	flag.Var(&entrypoint, "entrypoint", "entrypoint argument (repeatable, in order)")
	flag.Var(&ports, "port", "exposed port, e.g. 9443/tcp (repeatable)")
	flag.Var(&labels, "label", "KEY=VALUE image label, e.g. org.opencontainers.image.version=v1.2.3 (repeatable)")
	user := flag.String("user", "65532:65532", "user the entrypoint runs as")
	workdir := flag.String("workdir", "/", "working directory")
	tag := flag.String("tag", "", "reference recorded in the tarball")
	out := flag.String("out", "", "docker-archive tarball to write")
	flag.Parse()
	if *tag == "" || *out == "" || len(layers) == 0 || len(entrypoint) == 0 {
		fail(fmt.Errorf("-tag, -out, -layer and -entrypoint are required"))
	}
	img := mutate.MediaType(empty.Image, types.DockerManifestSchema2)
	img = mutate.ConfigMediaType(img, types.DockerConfigJSON)
	for _, path := range layers {
		l, err := tarball.LayerFromFile(path, tarball.WithMediaType(types.DockerLayer), tarball.WithCompressedCaching)
		fail(err)
		img, err = mutate.Append(img, mutate.Addendum{Layer: l, MediaType: types.DockerLayer})
		fail(err)
	}
	cf, err := img.ConfigFile()
	fail(err)
	cf = cf.DeepCopy()
	cf.Architecture, cf.OS = "amd64", "linux"
	cf.History = nil // history entries would carry build times
	cf.Config = v1.Config{Entrypoint: entrypoint, Env: env, User: *user, WorkingDir: *workdir}
	if len(ports) > 0 {
		cf.Config.ExposedPorts = map[string]struct{}{}
		for _, p := range ports {
			cf.Config.ExposedPorts[p] = struct{}{}
		}
	}
	for _, l := range labels {
		k, v, ok := strings.Cut(l, "=")
		if !ok || k == "" {
			fail(fmt.Errorf("-label %q is not KEY=VALUE", l))
		}
		if cf.Config.Labels == nil {
			cf.Config.Labels = map[string]string{}
		}
		cf.Config.Labels[k] = v
	}
	img, err = mutate.ConfigFile(img, cf)
	fail(err)
	ref, err := name.NewTag(*tag)
	fail(err)
	fail(tarball.WriteToFile(*out, ref, img))
	d, err := img.Digest()
	fail(err)
	written, err := tarball.ImageFromPath(*out, &ref)
	fail(err)
	wd, err := written.Digest()
	fail(err)
	if wd != d {
		fail(fmt.Errorf("%s reads back as %s, built as %s", *out, wd, d))
	}
	fmt.Println(d.String())
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ociimage:", err)
		os.Exit(1)
	}
}
