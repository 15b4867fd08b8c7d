/**
 * Writes a synthetic IFC4 building of about a given size for the scale benchmark: storeys × walls, one property
 * set per wall, everything contained in its storey. Streamed to disk in chunks (never held whole in memory), and
 * deterministic: the same size gives the same bytes.
 *
 * Layout: each storey is 3 m high and holds a square grid of walls (5 m × 0.2 m × 3 m extruded rectangles,
 * alternately along X and Y); the building grows storey by storey, 2 000 walls per storey. One wall costs ≈ 1.1 KB
 * of STEP text (wall, placement, shape, profile, solid, property set with two properties, relation).
 *
 * Usage: `tsx scripts/bench/generate-ifc.ts <megabytes> <out.ifc>`; prints one JSON line
 * `{ file, bytes, walls, storeys }`.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Walls per storey of the generated building. */
export const WALLS_PER_STOREY = 2_000;

/** 22-character IFC GlobalId (base-64 alphabet of IFC) from a counter: unique and deterministic. */
function globalIdOf(n: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';
  let s = '';
  let v = n;
  for (let i = 0; i < 22; i++) {
    s = alphabet[v % 64] + s;
    v = Math.floor(v / 64);
  }
  return s;
}

/**
 * Generates the file.
 * @param targetBytes approximate size to reach, bytes (the file ends at the first storey boundary past it)
 * @param outPath file written (replaced)
 * @returns bytes written, walls and storeys
 */
export function generateIfc(targetBytes: number, outPath: string): { bytes: number; walls: number; storeys: number } {
  const fd = openSync(outPath, 'w');
  let written = 0;
  let buffer: string[] = [];
  let bufferedChars = 0;
  const flush = () => {
    const chunk = buffer.join('');
    written += writeSync(fd, chunk);
    buffer = [];
    bufferedChars = 0;
  };
  const line = (text: string) => {
    buffer.push(text, '\n');
    bufferedChars += text.length + 1;
    if (bufferedChars > 1 << 20) flush();
  };
  let id = 0;
  const next = () => ++id;
  let gid = 0;
  const guid = () => globalIdOf(++gid);

  line('ISO-10303-21;');
  line("HEADER;FILE_DESCRIPTION(('ViewDefinition [ReferenceView]'),'2;1');");
  line("FILE_NAME('generated.ifc','2026-12-06T00:00:00',('GanTwin bench'),('GanTwin'),'','generate-ifc.ts','');");
  line("FILE_SCHEMA(('IFC4'));ENDSEC;");
  line('DATA;');
  const origin = next();
  line(`#${origin}=IFCCARTESIANPOINT((0.,0.,0.));`);
  const zDir = next();
  line(`#${zDir}=IFCDIRECTION((0.,0.,1.));`);
  const xDir = next();
  line(`#${xDir}=IFCDIRECTION((1.,0.,0.));`);
  const yDir = next();
  line(`#${yDir}=IFCDIRECTION((0.,1.,0.));`);
  const axis = next();
  line(`#${axis}=IFCAXIS2PLACEMENT3D(#${origin},$,$);`);
  const context = next();
  line(`#${context}=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#${axis},$);`);
  const body = next();
  line(`#${body}=IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Body','Model',*,*,*,*,#${context},$,.MODEL_VIEW.,$);`);
  const lengthUnit = next();
  line(`#${lengthUnit}=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);`);
  const units = next();
  line(`#${units}=IFCUNITASSIGNMENT((#${lengthUnit}));`);
  const project = next();
  line(`#${project}=IFCPROJECT('${guid()}',$,'Generated bench building',$,$,$,$,(#${context}),#${units});`);
  const sitePlacement = next();
  line(`#${sitePlacement}=IFCLOCALPLACEMENT($,#${axis});`);
  const site = next();
  line(`#${site}=IFCSITE('${guid()}',$,'Site',$,$,#${sitePlacement},$,$,.ELEMENT.,(28,41,0,0),(115,51,0,0),0.,$,$);`);
  const buildingPlacement = next();
  line(`#${buildingPlacement}=IFCLOCALPLACEMENT(#${sitePlacement},#${axis});`);
  const building = next();
  line(`#${building}=IFCBUILDING('${guid()}',$,'Building',$,$,#${buildingPlacement},$,$,.ELEMENT.,$,$,$);`);
  line(`#${next()}=IFCRELAGGREGATES('${guid()}',$,$,$,#${project},(#${site}));`);
  line(`#${next()}=IFCRELAGGREGATES('${guid()}',$,$,$,#${site},(#${building}));`);
  // One wall profile and extrusion direction shared by all walls (as authoring tools share them).
  const profilePlacement = next();
  line(`#${profilePlacement}=IFCAXIS2PLACEMENT2D(#${next()},$);`);
  line(`#${id}=IFCCARTESIANPOINT((0.,0.));`);
  const profile = next();
  line(`#${profile}=IFCRECTANGLEPROFILEDEF(.AREA.,$,#${profilePlacement},5.,0.2);`);

  const side = Math.ceil(Math.sqrt(WALLS_PER_STOREY));
  let walls = 0;
  let storeys = 0;
  const storeyIds: number[] = [];
  while (written + bufferedChars < targetBytes) {
    const storeyPlacement = next();
    const storeyPoint = next();
    line(`#${storeyPoint}=IFCCARTESIANPOINT((0.,0.,${(storeys * 3).toFixed(1)}));`);
    const storeyAxis = next();
    line(`#${storeyAxis}=IFCAXIS2PLACEMENT3D(#${storeyPoint},$,$);`);
    line(`#${storeyPlacement}=IFCLOCALPLACEMENT(#${buildingPlacement},#${storeyAxis});`);
    const storey = next();
    line(`#${storey}=IFCBUILDINGSTOREY('${guid()}',$,'Level ${storeys + 1}',$,$,#${storeyPlacement},$,$,.ELEMENT.,${(storeys * 3).toFixed(1)});`);
    storeyIds.push(storey);
    const wallIds: number[] = [];
    for (let w = 0; w < WALLS_PER_STOREY; w++) {
      const x = (w % side) * 6;
      const y = Math.floor(w / side) * 6;
      const point = next();
      line(`#${point}=IFCCARTESIANPOINT((${x}.,${y}.,0.));`);
      const wallAxis = next();
      line(`#${wallAxis}=IFCAXIS2PLACEMENT3D(#${point},#${zDir},#${w % 2 === 0 ? xDir : yDir});`);
      const placement = next();
      line(`#${placement}=IFCLOCALPLACEMENT(#${storeyPlacement},#${wallAxis});`);
      const solid = next();
      line(`#${solid}=IFCEXTRUDEDAREASOLID(#${profile},#${axis},#${zDir},3.);`);
      const shape = next();
      line(`#${shape}=IFCSHAPEREPRESENTATION(#${body},'Body','SweptSolid',(#${solid}));`);
      const productShape = next();
      line(`#${productShape}=IFCPRODUCTDEFINITIONSHAPE($,$,(#${shape}));`);
      const wall = next();
      line(`#${wall}=IFCWALL('${guid()}',$,'Wall ${storeys + 1}-${w + 1}',$,$,#${placement},#${productShape},$,.STANDARD.);`);
      const p1 = next();
      line(`#${p1}=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(${w % 7 === 0 ? '.T.' : '.F.'}),$);`);
      const p2 = next();
      line(`#${p2}=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI ${60 + (w % 3) * 30}'),$);`);
      const pset = next();
      line(`#${pset}=IFCPROPERTYSET('${guid()}',$,'Pset_WallCommon',$,(#${p1},#${p2}));`);
      line(`#${next()}=IFCRELDEFINESBYPROPERTIES('${guid()}',$,$,$,(#${wall}),#${pset});`);
      wallIds.push(wall);
      walls++;
    }
    line(`#${next()}=IFCRELCONTAINEDINSPATIALSTRUCTURE('${guid()}',$,$,$,(${wallIds.map((w) => `#${w}`).join(',')}),#${storey});`);
    storeys++;
  }
  line(`#${next()}=IFCRELAGGREGATES('${guid()}',$,$,$,#${building},(${storeyIds.map((s) => `#${s}`).join(',')}));`);
  line('ENDSEC;');
  line('END-ISO-10303-21;');
  flush();
  closeSync(fd);
  return { bytes: written, walls, storeys };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [megabytes, outPath] = process.argv.slice(2);
  const mb = Number(megabytes);
  if (!(mb > 0) || !outPath) {
    console.error('usage: tsx scripts/bench/generate-ifc.ts <megabytes> <out.ifc>');
    process.exit(64);
  }
  console.log(JSON.stringify({ file: outPath, ...generateIfc(mb * 1e6, outPath) }));
}
