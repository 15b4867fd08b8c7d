/** One file of a conversion's output, produced in memory by the `write` stage and committed by `io/`. */
export interface OutputFile {
  /** POSIX path relative to the output directory, e.g. `tiles/0-1.glb`. Never absolute, never `..`. */
  path: string;
  bytes: Uint8Array;
}

/**
 * Where the `write` stage puts files as it produces them: the staged output directory of a conversion
 * (io/commit-output.ts, written tile by tile so no tile stays in memory) or memory (tests, {@link MemoryOutputSink}).
 */
export interface OutputSink {
  /** Stores one file; a path may be written once. */
  write(file: OutputFile): Promise<void>;
  /** Stores one text file given as UTF-8 chunks in order (large JSON is never one string). */
  writeText(path: string, chunks: Iterable<string>): Promise<void>;
}

/** An {@link OutputSink} that keeps every file in memory, in the order written. */
export class MemoryOutputSink implements OutputSink {
  readonly files: OutputFile[] = [];
  private readonly encoder = new TextEncoder();

  async write(file: OutputFile): Promise<void> {
    this.files.push(file);
  }

  async writeText(path: string, chunks: Iterable<string>): Promise<void> {
    let text = '';
    for (const chunk of chunks) text += chunk;
    this.files.push({ path, bytes: this.encoder.encode(text) });
  }
}
