export { describeBackendConformance, type BackendConformanceOptions } from './conformance/describe-backend-conformance.js';
export { InMemoryBackend } from './in-memory-backend.js';
export type { FixtureCase, FixtureFile } from './conformance/fixture-types.js';
export { maxRelativeDeviation, meanStd, meanVariance, moments } from './statistics.js';
export { unknownDeviceModel } from './unknown-device-model.js';
