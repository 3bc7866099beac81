// A pipeline checkpoint: the model's bytes plus the last bar applied per venue-market, so a
// restart replays exactly the bars the state lacks even when venues close bars at different times.
const MAGIC = 0x4c514350; // "LQCP"

export interface Envelope {
  /** `${venue}|${market}` → open time of the last bar applied. */
  readonly applied: ReadonlyMap<string, number>;
  readonly model: Uint8Array;
}

export function encodeEnvelope(e: Envelope): Uint8Array {
  const header = Buffer.from(JSON.stringify(Object.fromEntries(e.applied)), 'utf8');
  const out = new Uint8Array(8 + header.length + e.model.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, header.length);
  out.set(header, 8);
  out.set(e.model, 8 + header.length);
  return out;
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getUint32(0) !== MAGIC) throw new Error('checkpoint is not a liqmap pipeline checkpoint (bad magic)');
  const len = view.getUint32(4);
  if (8 + len > bytes.length) throw new Error('checkpoint header is truncated');
  const parsed: unknown = JSON.parse(Buffer.from(bytes.subarray(8, 8 + len)).toString('utf8'));
  const applied = new Map<string, number>();
  if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number') applied.set(k, v);
  }
  return { applied, model: bytes.subarray(8 + len) };
}
