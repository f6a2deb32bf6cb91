/*
 * Marsaglia & Tsang's ziggurat for standard normals (128 layers): the low 7 bits of a 32-bit
 * draw pick a layer and the other 25 (signed) a point inside it, so layer and point never share
 * bits; about 97% of draws are accepted by one integer comparison, the rest go through the exact
 * wedge and tail tests.
 */

/** The layer tables: `kn` the fast-acceptance bounds, `wn` the point widths, `fn` the densities. */
export interface ZigguratTables {
  readonly kn: Int32Array;
  readonly wn: Float64Array;
  readonly fn: Float64Array;
}

/**
 * The tables of a ziggurat with `layers` layers, base strip beyond `r` and layer area `v`, for
 * points drawn as signed integers of magnitude below `m1`.
 */
function zigguratTables(layers: number, r: number, v: number, m1: number): ZigguratTables {
  const last = layers - 1;
  const kn = new Int32Array(layers);
  const wn = new Float64Array(layers);
  const fn = new Float64Array(layers);
  let dn = r;
  let tn = dn;
  const q = v / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * m1);
  wn[0] = q / m1;
  wn[last] = dn / m1;
  fn[0] = 1;
  fn[last] = Math.exp(-0.5 * dn * dn);
  for (let i = last - 1; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(v / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
  return { kn, wn, fn };
}

const ZIG_R = 3.442619855899;

/** 128 layers, the point a 25-bit signed integer (magnitude below 2^24). */
export const ZIGGURAT: ZigguratTables = zigguratTables(128, ZIG_R, 9.91256303526217e-3, 16777216);

/** 256 layers, the point a 24-bit signed integer (magnitude below 2^23), for host-kernels.wat. */
export const ZIGGURAT_256: ZigguratTables = zigguratTables(256, 3.6541528853610088, 4.92867323399e-3, 8388608);
const WN = ZIGGURAT.wn;
const FN = ZIGGURAT.fn;

/** One xoshiro128** step on the state `st` (advanced in place): a 32-bit draw as a signed integer. */
export function xoshiroNextInt32(st: Int32Array): number {
  const s1 = st[1]!;
  const a = Math.imul(s1, 5);
  const r = Math.imul((a << 7) | (a >>> 25), 9);
  const s2 = st[2]! ^ st[0]!;
  const s3 = st[3]! ^ s1;
  st[0] = st[0]! ^ s3;
  st[1] = s1 ^ s2;
  st[2] = s2 ^ (s1 << 9);
  st[3] = (s3 << 11) | (s3 >>> 21);
  return r;
}

/** Uniform in [0, 1) from the xoshiro128** state `st`, advanced in place. */
function zigguratUniform(st: Int32Array): number {
  return (xoshiroNextInt32(st) >>> 0) / 4294967296;
}

/**
 * The slow path of a draw `r` that failed the fast test: the wedge test of its layer, or the
 * tail beyond R for layer 0, taking uniforms from `st`; the normal, or NaN when rejected.
 */
export function zigguratSlow(r: number, st: Int32Array): number {
  const R = 3.442619855899;
  const hz = r >> 7;
  const iz = r & 127;
  if (iz === 0) {
    let x: number;
    let y: number;
    do {
      x = -Math.log(1 - zigguratUniform(st)) / R;
      y = -Math.log(1 - zigguratUniform(st));
    } while (y + y < x * x);
    return hz > 0 ? R + x : -R - x;
  }
  const x = hz * WN[iz]!;
  return FN[iz]! + zigguratUniform(st) * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x) ? x : NaN;
}
