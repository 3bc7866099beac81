// The publisher's FIFO: up to `maxMemory` messages in memory; past that bound, new messages go to
// segment files on disk (JSONL) and are read back in order once memory drains. While anything is on
// disk, new messages also go to disk, so order is kept. Segments left by a killed process are
// picked up at start (their messages are re-sent; JetStream drops the duplicates by message id).
import fs from 'node:fs';
import path from 'node:path';

export interface Outgoing {
  readonly subject: string;
  /** Nats-Msg-Id: JetStream drops a second message with the same id within the duplicate window. */
  readonly id: string;
  readonly data: string;
}

export interface SpoolOptions {
  /** Messages held in memory before spilling to disk. */
  readonly maxMemory: number;
  /** Directory for segment files; null = memory only (then the bound drops the oldest messages). */
  readonly dir: string | null;
  /** Lines per segment file. */
  readonly segmentLines?: number;
}

const SEG_RE = /^spool-(\d{12})\.jsonl$/;
const segName = (n: number): string => `spool-${String(n).padStart(12, '0')}.jsonl`;

export class Spool {
  private mem: Outgoing[] = [];
  private head = 0;
  /** Segment numbers on disk, oldest first; the last may be open for appending. */
  private readonly segs: number[] = [];
  private writing: { n: number; lines: number } | null = null;
  /** The segment loaded into memory and how many of its messages are still unsent. */
  private loaded: { n: number; left: number } | null = null;
  private diskCount = 0;
  /** Messages dropped because there was no disk to spill to. */
  dropped = 0;
  /** Messages ever written to disk. */
  spilled = 0;

  constructor(private readonly o: SpoolOptions) {
    if (o.dir) {
      fs.mkdirSync(o.dir, { recursive: true });
      for (const f of fs.readdirSync(o.dir).sort()) {
        const m = SEG_RE.exec(f);
        if (!m) continue;
        this.segs.push(Number(m[1]));
        this.diskCount += countLines(path.join(o.dir, f));
      }
    }
  }

  get size(): number {
    return this.mem.length - this.head + this.diskCount;
  }

  get onDisk(): number {
    return this.diskCount;
  }

  push(m: Outgoing): void {
    if (!this.segs.length && this.mem.length - this.head < this.o.maxMemory) {
      this.mem.push(m);
      return;
    }
    if (!this.o.dir) {
      this.head++;
      this.dropped++;
      this.mem.push(m);
      return;
    }
    const per = this.o.segmentLines ?? 10_000;
    if (!this.writing || this.writing.lines >= per || this.loaded?.n === this.writing.n) {
      const n = (this.segs[this.segs.length - 1] ?? 0) + 1;
      this.segs.push(n);
      this.writing = { n, lines: 0 };
    }
    fs.appendFileSync(path.join(this.o.dir, segName(this.writing.n)), `${JSON.stringify(m)}\n`);
    this.writing.lines++;
    this.diskCount++;
    this.spilled++;
  }

  /** The oldest `n` messages (fewer when fewer are queued), without removing them. */
  peek(n: number): Outgoing[] {
    if (this.head >= this.mem.length) this.loadSegment();
    return this.mem.slice(this.head, this.head + n);
  }

  /** Remove the oldest `n` messages (they were sent). */
  drop(n: number): void {
    const k = Math.min(n, this.mem.length - this.head);
    this.head += k;
    if (this.loaded) {
      const fromSeg = Math.min(k, this.loaded.left);
      this.loaded.left -= fromSeg;
      this.diskCount -= fromSeg;
      if (this.loaded.left === 0) {
        fs.rmSync(path.join(this.o.dir as string, segName(this.loaded.n)), { force: true });
        this.segs.shift();
        this.loaded = null;
      }
    }
    if (this.head > 4096 && this.head * 2 > this.mem.length) {
      this.mem = this.mem.slice(this.head);
      this.head = 0;
    }
  }

  private loadSegment(): void {
    if (this.loaded || !this.segs.length || !this.o.dir) return;
    const n = this.segs[0] as number;
    if (this.writing?.n === n) this.writing = null;
    const text = fs.readFileSync(path.join(this.o.dir, segName(n)), 'utf8');
    const msgs = text
      .split('\n')
      .filter((l) => l.length > 0)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Outgoing];
        } catch {
          return []; // a line torn by a crash mid-append
        }
      });
    this.diskCount -= countLinesOf(text) - msgs.length;
    this.mem = msgs;
    this.head = 0;
    this.loaded = { n, left: msgs.length };
    if (!msgs.length) {
      fs.rmSync(path.join(this.o.dir, segName(n)), { force: true });
      this.segs.shift();
      this.loaded = null;
      this.loadSegment();
    }
  }
}

function countLinesOf(text: string): number {
  let n = 0;
  for (const l of text.split('\n')) if (l.length > 0) n++;
  return n;
}

function countLines(file: string): number {
  return countLinesOf(fs.readFileSync(file, 'utf8'));
}
