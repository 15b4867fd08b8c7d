/** One file of a conversion's output, produced in memory by the `write` stage and committed by `io/`. */
export interface OutputFile {
  /** POSIX path relative to the output directory, e.g. `tiles/0-1.glb`. Never absolute, never `..`. */
  path: string;
  bytes: Uint8Array;
}
