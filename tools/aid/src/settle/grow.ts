/** A copy of a typed array at least `atLeast` long (doubling), its contents kept. */
export function grown<T extends Uint8Array | Int32Array | Float64Array>(array: T, atLeast: number): T {
  let length = Math.max(1, array.length * 2);
  while (length < atLeast) length *= 2;
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
