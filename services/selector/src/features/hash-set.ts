/**
 * A reusable set of 32-bit hashes with O(1) clear (generation stamps), used to count each hashed
 * feature once per prompt without allocating on the hot path.
 */
export class HashSet32 {
  private readonly keys: Int32Array;
  private readonly stamps: Uint32Array;
  private readonly mask: number;
  private generation = 1;

  constructor(capacityPowerOfTwo: number) {
    this.keys = new Int32Array(capacityPowerOfTwo);
    this.stamps = new Uint32Array(capacityPowerOfTwo);
    this.mask = capacityPowerOfTwo - 1;
  }

  /** Empties the set. */
  clear(): void {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /** Adds a key; true when it was not there yet. */
  add(key: number): boolean {
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) {
        this.stamps[slot] = this.generation;
        this.keys[slot] = key;
        return true;
      }
      if (this.keys[slot] === key) return false;
      slot = (slot + 1) & this.mask;
    }
  }
}
