import type { InfoResult } from '../info/collect-info.js';
import { formatTable } from './text-table.js';

/** `analogkit info` as text. */
export function infoReport(info: InfoResult): string {
  const versions = Object.entries(info.versions).map(([name, version]) => `  ${name} ${version ?? '(not installed)'}`);
  const backends = formatTable(
    ['backend', 'priority', 'status', 'native kernels'],
    info.backends.map((b) => [b.name, String(b.priority), b.available ? `available (${b.device})` : 'unavailable', b.nativeKernels.join(', ') || '(none: reference kernels)']),
    { leftAligned: true },
  );
  const reasons = [...info.backends.map((b) => ({ device: b.name, reason: b.reason })), ...info.gpuTargets]
    .filter((t) => t.reason !== null)
    .map((t) => `  ${t.device}: ${t.reason}`);
  const targets = info.gpuTargets.map((t) => `  ${t.device}: ${t.available ? 'available' : 'unavailable'}`);
  const devices = formatTable(
    ['device model', 'parameter class', 'from'],
    info.deviceModels.map((d) => [d.kind, d.parameterClass, d.source]),
    { leftAligned: true },
  );
  return [
    `analogkit ${info.versions['@analogkit/cli'] ?? ''} on node ${info.node} (${info.platform})`,
    ...versions,
    '',
    `Backends (new tiles go to: ${info.defaultBackend ?? 'none starts'}):`,
    backends,
    '',
    'GPU targets:',
    ...(targets.length ? targets : ['  (none registered)']),
    ...(reasons.length ? ['', 'Why unavailable:', ...reasons] : []),
    '',
    devices,
    '',
    `Inference noise models: ${info.noiseModels.join(', ')}`,
    `Drift compensations: ${info.driftCompensations.join(', ')}`,
  ].join('\n');
}
