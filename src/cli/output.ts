// JSONL output that respects back-pressure and ends quietly when the reader goes away (EPIPE).
export interface JsonlWriter {
  write(v: unknown): Promise<void>;
  end(): Promise<void>;
}

export function writeJsonl(stream: NodeJS.WritableStream): JsonlWriter {
  let closed = false;
  stream.on('error', () => {
    closed = true;
  });
  return {
    async write(v) {
      if (closed) return;
      if (!stream.write(`${JSON.stringify(v)}\n`)) await new Promise<void>((r) => stream.once('drain', () => r()));
    },
    async end() {
      if (closed || stream === process.stdout) return;
      await new Promise<void>((r) => stream.end(() => r()));
    },
  };
}
