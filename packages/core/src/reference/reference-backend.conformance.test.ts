import { describeBackendConformance } from '../testing/index.js';

// The reference backend is registered by registerCore, which the suite always runs first.
describeBackendConformance({ backendName: 'reference', create: () => {} });
