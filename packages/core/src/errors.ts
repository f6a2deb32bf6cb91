/** Base of every error analogkit throws on purpose; `code` is stable for programs to match on. */
export class AnalogKitError extends Error {
  readonly code: string = 'ANALOGKIT_ERROR';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A tensor or array had the wrong shape or length. */
export class ShapeError extends AnalogKitError {
  override readonly code = 'SHAPE_ERROR';
}

/** A parameter or config field has an invalid value, type or name. */
export class ConfigError extends AnalogKitError {
  override readonly code = 'CONFIG_ERROR';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A compute backend (or an execution target of one) cannot be used on this machine. */
export class BackendUnavailableError extends AnalogKitError {
  override readonly code = 'BACKEND_UNAVAILABLE';
  constructor(
    message: string,
    readonly failures: ReadonlyArray<{ backend: string; reason: string }> = [],
  ) {
    super(message);
  }
}

/** An in-place operation was attempted on a read-only view. */
export class ReadOnlyViewError extends AnalogKitError {
  override readonly code = 'READ_ONLY_VIEW';
}

/** A value was read from an AnalogContext in PLACEHOLDER mode. */
export class PlaceholderAccessError extends AnalogKitError {
  override readonly code = 'PLACEHOLDER_ACCESS';
}

/** A kernel is not known to a backend, or was called with inputs it cannot run. */
export class KernelError extends AnalogKitError {
  override readonly code = 'KERNEL_ERROR';
}

/** A device-model plugin is unknown, or registered twice. */
export class DeviceModelError extends AnalogKitError {
  override readonly code = 'DEVICE_MODEL_ERROR';
}

/** A tile was used after dispose(), or a state/extra being loaded does not fit the tile. */
export class TileStateError extends AnalogKitError {
  override readonly code = 'TILE_STATE_ERROR';
}
