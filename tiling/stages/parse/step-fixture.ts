/**
 * Test support: builds a small ISO 10303-21 file in memory from DATA lines, so tests state their input
 * entity by entity instead of relying on a sample file.
 */

/**
 * @param schema FILE_SCHEMA identifier, e.g. `IFC4`
 * @param dataLines entity instances such as `#1=IFCPROJECT(…);`
 * @returns the UTF-8 bytes of a complete STEP file
 */
export function buildStepFile(schema: string, dataLines: string[]): Uint8Array {
  const text = [
    'ISO-10303-21;',
    'HEADER;',
    "FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');",
    "FILE_NAME('fixture.ifc','2026-01-01T00:00:00',(''),(''),'','GanTwin test','');",
    `FILE_SCHEMA(('${schema}'));`,
    'ENDSEC;',
    'DATA;',
    ...dataLines,
    'ENDSEC;',
    'END-ISO-10303-21;',
    '',
  ].join('\n');
  return new TextEncoder().encode(text);
}

/** A valid 22-character IFC GlobalId made from a number (for fixtures only). */
export function fixtureGlobalId(n: number): string {
  return `0${String(n).padStart(21, '0')}`;
}
