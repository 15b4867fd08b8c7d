import { describe, expect, it } from 'vitest';
import { isTourClockPaused, MIN_CAPTION_S, pauseTourClock, resumeTourClock, scheduleTour, startTourClock, tourElapsedS, tourPositionAt } from './tour-player';

describe('scheduleTour', () => {
  it('lays flights and holds end to end; captions last their hold, at least MIN_CAPTION_S, never past the end', () => {
    expect(MIN_CAPTION_S).toBe(3);
    const schedule = scheduleTour([
      { flightS: 2, holdS: 5 },
      { flightS: 3, holdS: 0 },
      { flightS: 1.5, holdS: 1 },
    ]);
    expect(schedule.totalS).toBe(12.5);
    expect(schedule.stops).toEqual([
      { index: 0, flightStartS: 0, holdStartS: 2, endS: 7, captionEndS: 7 },
      { index: 1, flightStartS: 7, holdStartS: 10, endS: 10, captionEndS: 12.5 },
      { index: 2, flightStartS: 10, holdStartS: 11.5, endS: 12.5, captionEndS: 12.5 },
    ]);
  });

  it('refuses a zero flight and a negative or infinite hold, naming the stop', () => {
    expect(() => scheduleTour([{ flightS: 1, holdS: 1 }, { flightS: 0, holdS: 1 }])).toThrow(/tour stop 1: flightS must be > 0 s, got 0/);
    expect(() => scheduleTour([{ flightS: 1, holdS: -1 }])).toThrow(/holdS must be ≥ 0 s/);
    expect(() => scheduleTour([{ flightS: 1, holdS: Infinity }])).toThrow(RangeError);
  });

  it('an empty tour is done at once', () => {
    expect(tourPositionAt(scheduleTour([]), 0)).toEqual({ phase: 'done', stopIndex: null, phaseRemainingS: 0, captionIndex: null });
  });
});

describe('tourPositionAt', () => {
  const schedule = scheduleTour([
    { flightS: 2, holdS: 5 },
    { flightS: 3, holdS: 0 },
    { flightS: 1.5, holdS: 1 },
  ]);
  it('walks flight → hold per stop with the remaining time and the caption shown', () => {
    expect(tourPositionAt(schedule, -1)).toEqual({ phase: 'flight', stopIndex: 0, phaseRemainingS: 2, captionIndex: null });
    expect(tourPositionAt(schedule, 1)).toEqual({ phase: 'flight', stopIndex: 0, phaseRemainingS: 1, captionIndex: null });
    expect(tourPositionAt(schedule, 2)).toEqual({ phase: 'hold', stopIndex: 0, phaseRemainingS: 5, captionIndex: 0 });
    expect(tourPositionAt(schedule, 6.5)).toEqual({ phase: 'hold', stopIndex: 0, phaseRemainingS: 0.5, captionIndex: 0 });
    // At exactly 7 s the second flight has begun and the first caption is gone.
    expect(tourPositionAt(schedule, 7)).toEqual({ phase: 'flight', stopIndex: 1, phaseRemainingS: 3, captionIndex: null });
    // Stop 1 has no hold: its caption stays (up to 3 s, to the end of the tour) over the next flight and hold, until stop 2 arrives.
    expect(tourPositionAt(schedule, 10)).toEqual({ phase: 'flight', stopIndex: 2, phaseRemainingS: 1.5, captionIndex: 1 });
    expect(tourPositionAt(schedule, 11.5)).toEqual({ phase: 'hold', stopIndex: 2, phaseRemainingS: 1, captionIndex: 2 });
    expect(tourPositionAt(schedule, 12.5).phase).toBe('done');
    expect(tourPositionAt(schedule, 99).phase).toBe('done');
  });
});

describe('tour clock', () => {
  it('runs, pauses (time stands still) and resumes where it stopped', () => {
    let clock = startTourClock(1_000);
    expect(tourElapsedS(clock, 3_500)).toBe(2.5);
    clock = pauseTourClock(clock, 3_500);
    expect(isTourClockPaused(clock)).toBe(true);
    expect(tourElapsedS(clock, 60_000)).toBe(2.5);
    expect(pauseTourClock(clock, 70_000)).toBe(clock);
    clock = resumeTourClock(clock, 10_000);
    expect(isTourClockPaused(clock)).toBe(false);
    expect(tourElapsedS(clock, 11_000)).toBe(3.5);
    expect(resumeTourClock(clock, 20_000)).toBe(clock);
    // A clock read before its start (clock skew) does not run backwards.
    expect(tourElapsedS(startTourClock(5_000, 4), 4_000)).toBe(4);
  });
});
