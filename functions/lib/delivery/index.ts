// One way to deliver a manifest to a cluster: provider-kubernetes Objects, provider-helm Releases,
// the CRD installer, and one readiness vocabulary for all of them.
export * from './providers';
export * from './object';
export * from './release';
export * from './readiness';
export * from './crd-installer';
export * from './images';
