import { DeviceModelError } from '../errors.js';
import type { ParameterBase, ParameterClass } from '../parameters/parameter-base.js';
import type { BoundDevice, DeviceModel } from './device-model.js';

/** The registered device models of one container; duplicate kinds or classes are rejected. */
export interface DeviceRegistry {
  register(model: DeviceModel): void;
  has(kind: string): boolean;
  get(kind: string): DeviceModel;
  kinds(): string[];
  /** The model whose parameter class is `params`' class. */
  forParameters<P extends ParameterBase>(params: P): DeviceModel<P>;
  bind<P extends ParameterBase>(params: P): BoundDevice<P>;
  /** Resolves a parameter class by its aihwkit class name (for JSON). */
  parameterClass(className: string): ParameterClass | undefined;
}

export class DeviceModelRegistry implements DeviceRegistry {
  private readonly byKind = new Map<string, DeviceModel>();
  private readonly byClass = new Map<string, DeviceModel>();

  constructor(models: readonly DeviceModel[] = []) {
    for (const m of models) this.register(m);
  }

  register(model: DeviceModel): void {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(model.kind)) {
      throw new DeviceModelError(`Device model kind "${model.kind}" must be kebab-case (e.g. "soft-bounds").`);
    }
    const existing = this.byKind.get(model.kind);
    if (existing) {
      throw new DeviceModelError(
        `Device model kind "${model.kind}" is registered twice: by ${describeModel(existing)} and by ${describeModel(model)}. Kinds must be unique; rename one plugin's kind.`,
      );
    }
    const className = model.parameterClass.className;
    const sameClass = this.byClass.get(className);
    if (sameClass) {
      throw new DeviceModelError(
        `Parameter class ${className} is claimed by device kinds "${sameClass.kind}" and "${model.kind}"; each model needs its own parameter class.`,
      );
    }
    this.byKind.set(model.kind, model);
    this.byClass.set(className, model);
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  get(kind: string): DeviceModel {
    const m = this.byKind.get(kind);
    if (!m) {
      throw new DeviceModelError(`Unknown device model "${kind}". Registered: ${this.kinds().join(', ') || '(none)'}; register its plugin first.`);
    }
    return m;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  forParameters<P extends ParameterBase>(params: P): DeviceModel<P> {
    const m = this.byClass.get(params.className);
    if (!m) {
      throw new DeviceModelError(
        `No device model is registered for ${params.className}. Registered kinds: ${this.kinds().join(', ') || '(none)'}; register the plugin that provides it.`,
      );
    }
    return m as unknown as DeviceModel<P>;
  }

  bind<P extends ParameterBase>(params: P): BoundDevice<P> {
    return { model: this.forParameters(params), params };
  }

  parameterClass(className: string): ParameterClass | undefined {
    return this.byClass.get(className)?.parameterClass;
  }
}

function describeModel(m: DeviceModel): string {
  const name = m.constructor && m.constructor !== Object ? m.constructor.name : 'a plugin object';
  return `${name} (parameters ${m.parameterClass.className})`;
}
