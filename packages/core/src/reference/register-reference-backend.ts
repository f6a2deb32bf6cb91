import type { DependencyContainer } from 'tsyringe';
import { BackendRegistry, KernelRegistry } from '../tokens.js';
import { ReferenceBackend } from './reference-backend.js';
import { registerReferenceKernels } from './reference-kernels.js';

/** Priority of the reference backend: the last resort when no faster backend initialises. */
export const REFERENCE_BACKEND_PRIORITY = 0;

/** Registers the reference backend and the reference kernels (the fallback of every backend). */
export function registerReferenceBackend(container: DependencyContainer): void {
  registerReferenceKernels(container.resolve(KernelRegistry));
  container.resolve(BackendRegistry).register('reference', () => new ReferenceBackend(), REFERENCE_BACKEND_PRIORITY);
}
