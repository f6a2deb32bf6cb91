/**
 * What `AnalogContext.getData()` exposes (aihwkit's `AnalogContextDataViewMode`). Values equal
 * the member names, like the other analogkit enums.
 */
export enum AnalogContextDataViewMode {
  /** Default: metadata only (`size()`, `shape`, `device`); every value read throws. */
  PLACEHOLDER = 'PLACEHOLDER',
  /** A read-only logical weight view equal to `tile.getWeights()[0]`, re-read on every access. */
  DATA_VIEW = 'DATA_VIEW',
  /** An independent, writable, zero-initialised digital buffer of the logical weight shape. */
  BUFFER = 'BUFFER',
}
