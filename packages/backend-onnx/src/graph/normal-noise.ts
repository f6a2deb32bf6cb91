import type { Dim, GraphBuilder } from './graph-builder.js';

/** The two uniform inputs behind the normal noise `name`: `<name>_u1` and `<name>_u2`. */
export function noiseInputs(name: string): [string, string] {
  return [`${name}_u1`, `${name}_u2`];
}

/** Uniforms per row behind a noise tensor of `cols` columns (Box-Muller makes two normals of each pair). */
export function noisePairs(cols: number): number {
  return Math.ceil(cols / 2);
}

/**
 * A rows x cols tensor of `sigma * N(0, 1)` made in the graph by Box-Muller from two uniform
 * inputs (rows x ceil(cols/2), values in (0, 1], drawn on the host from the tile's seeded
 * generator): `r = sqrt(-2 sigma^2 ln u1)`, normals `r cos(2 pi u2)` and `r sin(2 pi u2)`. The
 * transcendental work runs on onnxruntime's threads; the host only draws uniforms.
 */
export function normalNoise(g: GraphBuilder, name: string, rows: Dim, cols: number, sigma: number): string {
  const half = noisePairs(cols);
  const [u1, u2] = noiseInputs(name).map((n) => g.input(n, [rows, half]));
  const radius = g.op('Sqrt', [g.op('Mul', [g.op('Log', [u1!]), g.scalar(-2 * sigma * sigma)])]);
  const angle = g.op('Mul', [u2!, g.scalar(2 * Math.PI)]);
  const pairs = g.op('Concat', [g.op('Mul', [radius, g.op('Cos', [angle])]), g.op('Mul', [radius, g.op('Sin', [angle])])], { axis: 1 });
  return cols === 2 * half ? pairs : g.op('Slice', [pairs, g.int64s([0]), g.int64s([cols]), g.int64s([1])]);
}
