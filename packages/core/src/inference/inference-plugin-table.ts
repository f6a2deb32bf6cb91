import type { ParameterBase, ParameterClass } from '../parameters/parameter-base.js';
import { InferenceModelError } from './inference-model-error.js';

/** What the registries need from a noise model or drift compensation plugin. */
export interface InferencePlugin {
  readonly kind: string;
  readonly parameterClass: ParameterClass;
  readonly nestedParameterClasses?: readonly ParameterClass[];
}

/** What the noise-model and drift-compensation registries share. */
export interface InferencePluginRegistry<M extends InferencePlugin> {
  register(plugin: M): void;
  kinds(): string[];
  /** Resolves a parameter class of these plugins (or one nested in their parameters) by its aihwkit class name, for JSON. */
  parameterClass(className: string): ParameterClass | undefined;
}

/**
 * Plugins of one sort, keyed by their parameter class: exactly one plugin per parameter class
 * and per kind; a second registration is rejected with an error naming both.
 */
export class InferencePluginTable<M extends InferencePlugin> implements InferencePluginRegistry<M> {
  private readonly byClass = new Map<string, M>();
  private readonly byKind = new Map<string, M>();
  private readonly nested = new Map<string, ParameterClass>();

  /** `what` names the sort in messages, e.g. "noise model". */
  constructor(
    private readonly what: string,
    plugins: readonly M[] = [],
  ) {
    for (const p of plugins) this.register(p);
  }

  register(plugin: M): void {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(plugin.kind)) {
      throw new InferenceModelError(`The ${this.what} kind "${plugin.kind}" must be kebab-case (e.g. "pcm-like").`);
    }
    const className = plugin.parameterClass.className;
    const sameClass = this.byClass.get(className);
    if (sameClass) {
      throw new InferenceModelError(
        `Parameter class ${className} has two ${this.what}s: ${describePlugin(sameClass)} and ${describePlugin(plugin)}. Register exactly one ${this.what} per parameter class.`,
      );
    }
    const sameKind = this.byKind.get(plugin.kind);
    if (sameKind) {
      throw new InferenceModelError(
        `The ${this.what} kind "${plugin.kind}" is registered twice: by ${describePlugin(sameKind)} and by ${describePlugin(plugin)}. Kinds must be unique; rename one plugin's kind.`,
      );
    }
    this.byClass.set(className, plugin);
    this.byKind.set(plugin.kind, plugin);
    for (const c of plugin.nestedParameterClasses ?? []) this.nested.set(c.className, c);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  protected pluginFor(params: ParameterBase): M {
    const plugin = this.byClass.get(params.className);
    if (!plugin) {
      throw new InferenceModelError(
        `No ${this.what} is registered for ${params.className}. Registered: ${[...this.byClass.keys()].join(', ') || '(none)'}; register the plugin that provides it (e.g. registerInferenceModels from @analogkit/devices).`,
      );
    }
    return plugin;
  }

  parameterClass(className: string): ParameterClass | undefined {
    return this.byClass.get(className)?.parameterClass ?? this.nested.get(className);
  }
}

function describePlugin(p: InferencePlugin): string {
  const name = p.constructor && p.constructor !== Object ? p.constructor.name : 'a plugin object';
  return `${name} (kind "${p.kind}")`;
}
