// xpkgbuild builds a Crossplane package (xpkg) the way `crossplane xpkg build` does, with the package
// builder, parser and linter of crossplane-runtime's pkg/xpkg at the Crossplane version the project
// targets (v2.3). The pinned Crossplane CLI (v2.2, kept for in-process render) decodes package
// objects into its own v2.2 API types before writing them, which drops fields added since, such as
// an XRD's scale subresource; a package must carry exactly the API the control plane serves.
// Output is the same docker-archive tarball (`crossplane xpkg push -f` reads it); reproducible.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/spf13/afero"

	"github.com/crossplane/crossplane-runtime/v2/pkg/xpkg"
	"github.com/crossplane/crossplane-runtime/v2/pkg/xpkg/parser"
	"github.com/crossplane/crossplane-runtime/v2/pkg/xpkg/parser/examples"
	"github.com/crossplane/crossplane-runtime/v2/pkg/xpkg/parser/yaml"
)

func main() {
	root := flag.String("f", "", "package root: crossplane.yaml and the package's objects")
	ex := flag.String("e", "", "examples root (optional)")
	runtime := flag.String("embed-runtime-image-tarball", "", "runtime image tarball to build the package on (Functions)")
	out := flag.String("o", "", "xpkg to write")
	flag.Parse()
	if *root == "" || *out == "" {
		fail(fmt.Errorf("-f and -o are required"))
	}
	fs := afero.NewOsFs()
	pkgRoot, err := filepath.Abs(*root)
	fail(err)
	exRoot := filepath.Join(pkgRoot, ".no-examples")
	if *ex != "" {
		exRoot, err = filepath.Abs(*ex)
		fail(err)
	}
	filters := func(dir string) []parser.FilterFn {
		return []parser.FilterFn{parser.SkipDirs(), parser.SkipNotYAML(), parser.SkipEmpty(), xpkg.SkipContains(exRoot)}
	}
	pp, err := yaml.New()
	fail(err)
	b := xpkg.New(
		parser.NewFsBackend(fs, parser.FsDir(pkgRoot), parser.FsFilters(filters(pkgRoot)...)),
		parser.NewFsBackend(fs, parser.FsDir(exRoot), parser.FsFilters(parser.SkipDirs(), parser.SkipNotYAML(), parser.SkipEmpty())),
		pp,
		examples.New(),
	)
	var opts []xpkg.BuildOpt
	if *runtime != "" {
		img, err := tarball.ImageFromPath(filepath.Clean(*runtime), nil)
		fail(err)
		opts = append(opts, xpkg.WithBase(img))
	}
	img, _, err := b.Build(context.Background(), opts...)
	fail(err)
	f, err := os.Create(*out)
	fail(err)
	fail(tarball.Write(nil, img, f))
	fail(f.Close())
	d, err := img.Digest()
	fail(err)
	fmt.Println(v1.Hash(d).String())
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "xpkgbuild:", err)
		os.Exit(1)
	}
}
