/** The closed set of kernels a backend may implement natively. */
export const KERNEL_NAMES = [
  'ForwardMvm',
  'BackwardMvm',
  'PulsedUpdate',
  'DecayWeights',
  'DiffuseWeights',
  'DriftWeights',
  'ResetColumns',
  'ClipWeights',
  'ModifyWeights',
  'RemapWeights',
] as const;

export type KernelName = (typeof KERNEL_NAMES)[number];
