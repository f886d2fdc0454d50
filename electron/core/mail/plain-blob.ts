// postal-mime assembles every decoded MIME part through `new Blob(chunks).arrayBuffer()`.
// Node's Blob is a native, transferable object, costly to create and read back for a few
// kilobytes: in a catch-up that was a quarter of the parse time (≈ 0.3 s of CPU per
// 20,000 messages, issue 3's benchmark).
// The store workers' parser thread does nothing but parse mail, so it swaps in this
// in-memory Blob, which has what postal-mime calls (the constructor and arrayBuffer()) and
// nothing else. The MIME corpus parses to the same results with either
// (test/integration/plain-blob.spec.ts).

type BlobPart = ArrayBuffer | ArrayBufferView | string;

export class PlainBlob {
  private readonly parts: Uint8Array[];
  readonly size: number;
  readonly type: string;

  constructor(parts: readonly BlobPart[] = [], options: { type?: string } = {}) {
    const encoder = new TextEncoder();
    this.parts = parts.map((part) =>
      typeof part === 'string'
        ? encoder.encode(part)
        : part instanceof ArrayBuffer
          ? new Uint8Array(part)
          : new Uint8Array(part.buffer, part.byteOffset, part.byteLength),
    );
    this.size = this.parts.reduce((total, part) => total + part.byteLength, 0);
    this.type = options.type ?? '';
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return Promise.resolve(out.buffer);
  }
}

/** Makes `Blob` the in-memory one in this thread (the parser thread's, never the core's). */
export function usePlainBlob(): void {
  globalThis.Blob = PlainBlob as unknown as typeof Blob;
}
