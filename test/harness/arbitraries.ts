// Arbitraries shared by the property tests.
import fc from 'fast-check';

/**
 * A composed-resource name as Crossplane can deliver it. `__proto__` is left out: the SDK's
 * protobuf codec decodes maps by plain assignment, so that key never reaches a function.
 */
export const resourceName = (constraints: fc.StringConstraints = {}): fc.Arbitrary<string> => fc.string(constraints).filter((k) => k !== '__proto__');
