import type { Logger } from '@kernel/logger';
import type { ReportBuilder } from './report';

/**
 * What every pipeline stage receives as its third argument: injected dependencies, never imported singletons.
 */
export interface StageContext {
  logger: Logger;
  /** Collects per-element failures, warnings and stage timings for `report.json`. */
  report: ReportBuilder;
  /** Progress of the running stage, `fraction` in 0..1. */
  onProgress?: (stage: string, fraction: number) => void;
}
