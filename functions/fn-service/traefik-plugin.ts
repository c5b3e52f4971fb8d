// A tiny Traefik local plugin that sets request headers from its configuration. It exists so a
// provider's API key never sits in a world-readable object: a ModelEndpoint's header Middleware
// holds only `urn:k8s:secret:<secret>:<key>` references, which Traefik's Kubernetes CRD provider
// resolves from the Secret (in the Middleware's namespace) when it loads the plugin config. The
// source ships inline in the Traefik Helm values (chart `experimental.localPlugins`, type
// inlinePlugin) and runs in Traefik's Yaegi interpreter.

/** The key Middlewares use under spec.plugin, and the name the chart declares the plugin under. */
export const HEADER_PLUGIN = 'modelplaneheaders';
export const HEADER_PLUGIN_MODULE = 'modelplane.ai/traefik/headers';

/** The prefix Traefik's CRD provider resolves to a Secret value in plugin configuration. */
export const SECRET_URN_PREFIX = 'urn:k8s:secret:';

export const secretUrn = (secret: string, key: string): string => `${SECRET_URN_PREFIX}${secret}:${key}`;

const GO_SOURCE = `// Package headers sets request headers from its configuration (Modelplane endpoint credentials).
package headers

import (
	"context"
	"errors"
	"net/http"
)

// Header is one header to set; Value arrives already resolved from a Secret reference.
type Header struct {
	Name   string
	Value  string
	Prefix string
}

// Config is the Middleware's plugin configuration.
type Config struct {
	Headers []Header
}

// CreateConfig returns an empty configuration.
func CreateConfig() *Config {
	return &Config{}
}

type setHeaders struct {
	next    http.Handler
	headers []Header
}

// New builds the middleware.
func New(_ context.Context, next http.Handler, config *Config, _ string) (http.Handler, error) {
	if len(config.Headers) == 0 {
		return nil, errors.New("modelplaneheaders: no headers configured")
	}
	for _, h := range config.Headers {
		if h.Name == "" {
			return nil, errors.New("modelplaneheaders: a header has no name")
		}
	}
	return &setHeaders{next: next, headers: config.Headers}, nil
}

func (s *setHeaders) ServeHTTP(rw http.ResponseWriter, req *http.Request) {
	for _, h := range s.headers {
		req.Header.Set(h.Name, h.Prefix+h.Value)
	}
	s.next.ServeHTTP(rw, req)
}
`;

const MANIFEST = `displayName: Modelplane endpoint headers
type: middleware
import: ${HEADER_PLUGIN_MODULE}
summary: Sets request headers (e.g. a provider's Authorization) for Modelplane endpoints.
testData:
  headers:
    - name: X-Test
      value: test
`;

/** The chart value `experimental.localPlugins.<HEADER_PLUGIN>`. */
export function headerPluginValues(): Record<string, unknown> {
  return {
    moduleName: HEADER_PLUGIN_MODULE,
    mountPath: `/plugins-local/src/${HEADER_PLUGIN_MODULE}`,
    type: 'inlinePlugin',
    source: {
      'go.mod': `module ${HEADER_PLUGIN_MODULE}\n\ngo 1.23\n`,
      '.traefik.yml': MANIFEST,
      'headers.go': GO_SOURCE,
    },
  };
}
