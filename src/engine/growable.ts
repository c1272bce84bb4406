// Typed arrays that grow as the encoder appends to them. The kernel input is tens of thousands of
// numbers (a 4,096-node scenario's is 61,649 ints); built in plain arrays one push at a time, they
// cost the page megabytes of garbage per run, and V8 compiled the encoder again whenever such an
// array changed its elements kind. These hold their numbers unboxed from the start.

type Typed = Int32Array | Float64Array;

/** A growable Int32Array or Float64Array: `length` numbers in use, the rest spare capacity (zeros). */
export class Growable<A extends Typed> {
  /** The storage; replaced when it grows, so read it again after any append. */
  data: A;
  length = 0;

  constructor(
    private readonly make: (capacity: number) => A,
    capacity = 1024,
  ) {
    this.data = make(Math.max(1, capacity));
  }

  /** Appends n zeros and returns the index of the first. */
  reserve(n: number): number {
    const at = this.length;
    this.ensure(at + n);
    this.length = at + n;
    return at;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.ensure(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Appends every number of `values`. */
  append(values: ArrayLike<number>): void {
    const at = this.reserve(values.length);
    this.data.set(values, at);
  }

  /** Sets a number already appended (a typed array would silently drop a write past its end). */
  set(index: number, value: number): void {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`index ${index} is outside the ${this.length} numbers appended`);
    this.data[index] = value;
  }

  /** The numbers appended, as a view of the storage (valid until the next append). */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }

  /** A copy of the numbers appended, exactly `length` long. */
  toArray(): A {
    return this.data.slice(0, this.length) as A;
  }

  private ensure(needed: number): void {
    if (needed <= this.data.length) return;
    const next = this.make(Math.max(needed, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

export const growableInts = (capacity?: number) => new Growable((n) => new Int32Array(n), capacity);
export const growableFloats = (capacity?: number) => new Growable((n) => new Float64Array(n), capacity);
