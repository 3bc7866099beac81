// Append-only typed-array columns that grow by doubling (history events, per-quantum series).

export class F64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  /** Drop the first n values. */
  shift(n: number): void {
    this.data.copyWithin(0, n, this.length);
    this.length -= n;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
  /** Make room for n more values (data may be replaced). */
  reserve(n: number): void {
    if (this.length + n > this.data.length) this.grow(this.length + n);
  }
  /** Append all of values. */
  append(values: Float64Array): void {
    this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  private grow(min = 0): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  static from(values: Float64Array): F64 {
    const a = new F64(values.length);
    a.data.set(values);
    a.length = values.length;
    return a;
  }
}

export class I32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  shift(n: number): void {
    this.data.copyWithin(0, n, this.length);
    this.length -= n;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
  /** Make room for n more values (data may be replaced). */
  reserve(n: number): void {
    if (this.length + n > this.data.length) this.grow(this.length + n);
  }
  /** Append all of values. */
  append(values: Int32Array): void {
    this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  private grow(min = 0): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  static from(values: Int32Array): I32 {
    const a = new I32(values.length);
    a.data.set(values);
    a.length = values.length;
    return a;
  }
}
