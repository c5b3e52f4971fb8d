// Container images Modelplane itself runs on inference clusters (beyond the Helm charts' own).

/**
 * Pinned: a patch-level tag of the official slim Python image. Scripts run in it with the standard
 * library only: model-cache hydration and the capacity reporter.
 */
export const PYTHON_IMAGE = 'docker.io/library/python:3.12.11-slim-bookworm';
