export { CheckpointError } from './checkpoint-error.js';
export { saveCheckpoint, loadCheckpoint, type LoadCheckpointOptions } from './checkpoint.js';
export { writeStateFile } from './write-state-file.js';
export { readStateFile } from './read-state-file.js';
export { encodeStateFile } from './encode-state-file.js';
export { decodeStateFile } from './decode-state-file.js';
