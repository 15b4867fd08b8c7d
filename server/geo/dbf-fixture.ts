/**
 * Test support for Shapefile imports: a dBASE III table (.dbf) of text attributes written in code (ESRI 1998
 * Shapefile Technical Description, dBASE III header), shared by the plates' import tests.
 */

/** The .dbf of `records` (one per shape, the first record's attribute names as columns, UTF-8 text). */
export function dbfOf(records: readonly { attributes: Record<string, string> }[]): Buffer {
  const names = Object.keys(records[0].attributes);
  const widths = names.map((name) => Math.max(...records.map((r) => Buffer.byteLength(r.attributes[name] ?? '')), 1));
  const headerBytes = 32 + 32 * names.length + 1;
  const recordBytes = 1 + widths.reduce((a, b) => a + b, 0);
  const buffer = Buffer.alloc(headerBytes + recordBytes * records.length + 1, 0x20);
  buffer.fill(0, 0, headerBytes);
  buffer.writeUInt8(0x03, 0);
  buffer.writeUInt8(126, 1);
  buffer.writeUInt8(1, 2);
  buffer.writeUInt8(1, 3);
  buffer.writeUInt32LE(records.length, 4);
  buffer.writeUInt16LE(headerBytes, 8);
  buffer.writeUInt16LE(recordBytes, 10);
  names.forEach((name, i) => {
    const at = 32 + 32 * i;
    buffer.write(name.slice(0, 10), at, 'latin1');
    buffer.write('C', at + 11, 'latin1');
    buffer.writeUInt8(widths[i], at + 16);
  });
  buffer.writeUInt8(0x0d, headerBytes - 1);
  records.forEach((record, r) => {
    let at = headerBytes + r * recordBytes + 1;
    names.forEach((name, i) => {
      buffer.write(record.attributes[name] ?? '', at, 'utf8');
      at += widths[i];
    });
  });
  buffer.writeUInt8(0x1a, buffer.length - 1);
  return buffer;
}
