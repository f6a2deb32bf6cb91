import type { DependencyContainer, InjectionToken } from 'tsyringe';

/** The container a runtime was built from (so the runtime can hand it to plugins). */
export const RuntimeContainer: InjectionToken<DependencyContainer> = Symbol('RuntimeContainer');
