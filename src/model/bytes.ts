// Little-endian binary writer/reader for checkpoints.

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('checkpoints assume a little-endian platform');

export class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private dv = new DataView(this.buf.buffer);
  private n = 0;

  private need(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.n + k) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }
  u32(v: number): void {
    this.need(4);
    this.dv.setUint32(this.n, v, true);
    this.n += 4;
  }
  f64(v: number): void {
    this.need(8);
    this.dv.setFloat64(this.n, v, true);
    this.n += 8;
  }
  /** A number or null (null written as a flag). */
  opt(v: number | null): void {
    this.u32(v === null ? 0 : 1);
    this.f64(v ?? 0);
  }
  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u32(b.length);
    this.raw(b);
  }
  f64s(a: Float64Array): void {
    this.u32(a.length);
    this.raw(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  i32s(a: Int32Array): void {
    this.u32(a.length);
    this.raw(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  private raw(b: Uint8Array): void {
    this.need(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

export class ByteReader {
  private readonly dv: DataView;
  private n = 0;
  constructor(private readonly buf: Uint8Array) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(k: number): void {
    if (this.n + k > this.buf.length) throw new RangeError('checkpoint truncated');
  }
  u32(): number {
    this.need(4);
    const v = this.dv.getUint32(this.n, true);
    this.n += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.dv.getFloat64(this.n, true);
    this.n += 8;
    return v;
  }
  opt(): number | null {
    const has = this.u32();
    const v = this.f64();
    return has ? v : null;
  }
  str(): string {
    return new TextDecoder().decode(this.raw(this.u32()));
  }
  f64s(): Float64Array {
    const len = this.u32();
    // Copy into a fresh buffer: a Node Buffer's slice() is a view whose .buffer is the shared pool.
    return new Float64Array(new Uint8Array(this.raw(len * 8)).buffer);
  }
  i32s(): Int32Array {
    const len = this.u32();
    return new Int32Array(new Uint8Array(this.raw(len * 4)).buffer);
  }
  private raw(k: number): Uint8Array {
    this.need(k);
    const b = this.buf.subarray(this.n, this.n + k);
    this.n += k;
    return b;
  }
  done(): boolean {
    return this.n === this.buf.length;
  }
}
