import { BackendRegistry } from '../tokens.js';
import { describeBackendConformance } from './conformance/describe-backend-conformance.js';
import { InMemoryBackend } from './in-memory-backend.js';

// A backend with no native kernel: every kernel goes through the read-compute-write fallback and
// must still match the reference fixtures. One kernel is excluded to exercise the exclusion path
// (it shows up as skipped with this reason).
describeBackendConformance({
  backendName: 'memory',
  device: 'memory:cpu',
  create: (c) => c.resolve(BackendRegistry).register('memory', (target) => new InMemoryBackend('memory', target ?? 'cpu'), -1),
  exclude: { RemapWeights: 'exclusion path of the suite itself, checked on a fallback-only backend' },
});
