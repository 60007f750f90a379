/**
 * Upper tail of the standard normal, P(Z > z). erfc by W. J. Cody's rational approximations
 * (relative error below 1e-14 over the real line), as used by many libm implementations.
 */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];

const at = (xs: readonly number[], i: number): number => xs[i] as number;

export function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax <= 0.5) {
    const y = ax * ax;
    let num = at(A, 4) * y;
    let den = y;
    for (let i = 0; i < 3; i++) {
      num = (num + at(A, i)) * y;
      den = (den + at(B, i)) * y;
    }
    const erf = (x * (num + at(A, 3))) / (den + at(B, 3));
    return 1 - erf;
  }
  if (ax <= 4) {
    let num = at(C, 8) * ax;
    let den = ax;
    for (let i = 0; i < 7; i++) {
      num = (num + at(C, i)) * ax;
      den = (den + at(D, i)) * ax;
    }
    r = (num + at(C, 7)) / (den + at(D, 7));
  } else {
    const z = 1 / (ax * ax);
    let num = at(P, 5) * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + at(P, i)) * z;
      den = (den + at(Q, i)) * z;
    }
    r = (z * (num + at(P, 4))) / (den + at(Q, 4));
    r = (1 / Math.sqrt(Math.PI) - r) / ax;
  }
  const ysq = Math.trunc(ax * 16) / 16;
  const del = (ax - ysq) * (ax + ysq);
  r *= Math.exp(-ysq * ysq) * Math.exp(-del);
  return x < 0 ? 2 - r : r;
}
