// The test proxy's Gateway API semantics, checked against the spec's own examples.
import { describe, expect, it } from 'vitest';
import { matchesPrefix, pickWeighted, replacePrefix } from './gateway-semantics';

describe('PathPrefix', () => {
  it.each([
    { path: '/abc', prefix: '/abc', want: true },
    { path: '/abc/', prefix: '/abc', want: true },
    { path: '/abc/def', prefix: '/abc', want: true },
    { path: '/abcd', prefix: '/abc', want: false },
    { path: '/abc/def', prefix: '/abc/', want: true },
    { path: '/abc', prefix: '/abc/', want: true },
    { path: '/ml-team/qwenx/v1', prefix: '/ml-team/qwen', want: false },
    { path: '/anything', prefix: '/', want: true },
  ])('$path under $prefix: $want', ({ path, prefix, want }) => {
    expect(matchesPrefix(path, prefix)).toBe(want);
  });
});

describe('ReplacePrefixMatch (the spec table)', () => {
  it.each([
    { path: '/foo/bar', prefix: '/foo', replace: '/xyz', want: '/xyz/bar' },
    { path: '/foo/bar', prefix: '/foo', replace: '/xyz/', want: '/xyz/bar' },
    { path: '/foo/bar', prefix: '/foo/', replace: '/xyz', want: '/xyz/bar' },
    { path: '/foo/bar', prefix: '/foo/', replace: '/xyz/', want: '/xyz/bar' },
    { path: '/foo', prefix: '/foo', replace: '/xyz', want: '/xyz' },
    { path: '/foo/', prefix: '/foo', replace: '/xyz', want: '/xyz/' },
    { path: '/foo/bar', prefix: '/foo', replace: '', want: '/bar' },
    { path: '/foo/', prefix: '/foo', replace: '', want: '/' },
    { path: '/foo', prefix: '/foo', replace: '', want: '/' },
    { path: '/foo/', prefix: '/foo', replace: '/', want: '/' },
    { path: '/foo', prefix: '/foo', replace: '/', want: '/' },
    { path: '/ml-team/qwen/v1/chat/completions', prefix: '/ml-team/qwen', replace: '/ml-team/qwen-5ab63/', want: '/ml-team/qwen-5ab63/v1/chat/completions' },
  ])('$path, prefix $prefix, replace "$replace" -> $want', ({ path, prefix, replace, want }) => {
    expect(replacePrefix(path, prefix, replace)).toBe(want);
  });
});

describe('weighted choice', () => {
  const items = [{ weight: 3 }, { weight: 0 }, { weight: 1 }, {}];
  it.each([
    { r: 0, want: 0 },
    { r: 0.59, want: 0 },
    { r: 0.6, want: 2 },
    { r: 0.79, want: 2 },
    { r: 0.8, want: 3 },
    { r: 0.999, want: 3 },
  ])('random $r -> item $want (weights 3, 0, 1, default 1)', ({ r, want }) => {
    expect(pickWeighted(items, () => r)).toBe(want);
  });

  it('all weights 0: nothing to pick', () => {
    expect(pickWeighted([{ weight: 0 }], () => 0.5)).toBeUndefined();
  });
});
