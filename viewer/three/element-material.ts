import type { Material, WebGLProgramParametersWithUniforms } from 'three';
import { STATE_TEXTURE_WIDTH, type ElementStateTable } from './element-state-table';

/** Name of the per-vertex (or per-instance) float attribute holding an element's state-table index. */
export const ELEMENT_INDEX_ATTRIBUTE = 'gantwinElement';

/** Linear RGB tints mixed into the surface colour. */
const HOVER_TINT = 'vec3(0.30, 0.85, 0.95)';
const SELECTED_TINT = 'vec3(0.08, 0.40, 1.00)';

/**
 * Patches a built-in three.js material (in place, once) so each fragment reads its element's state
 * texel: hidden elements are discarded, hovered ones tinted 35 % cyan, the selected one 60 % blue.
 * The material keeps working for geometry without the attribute (index 0 = always visible).
 *
 * @param material a built-in material from GLTFLoader (MeshStandardMaterial & co.).
 * @param table the state table whose uniforms the shader binds (shared by reference).
 * @param clippingPlanes shared array assigned to `material.clippingPlanes` (section tools edit it).
 * @see https://threejs.org/docs/#api/en/materials/Material.onBeforeCompile
 */
export function patchElementMaterial(
  material: Material,
  table: ElementStateTable,
  clippingPlanes: Material['clippingPlanes'],
): void {
  material.clippingPlanes = clippingPlanes;
  if (material.userData.gantwinPatched === true) return;
  material.userData.gantwinPatched = true;
  material.onBeforeCompile = (shader: WebGLProgramParametersWithUniforms) => {
    shader.uniforms.gantwinStateMap = table.uniforms.gantwinStateMap;
    shader.vertexShader = shader.vertexShader
      .replace(
        '#include <common>',
        `#include <common>
attribute float ${ELEMENT_INDEX_ATTRIBUTE};
uniform highp sampler2D gantwinStateMap;
flat varying vec4 vGantwinState;`,
      )
      .replace(
        '#include <begin_vertex>',
        `#include <begin_vertex>
{
  int gantwinIndex = int(${ELEMENT_INDEX_ATTRIBUTE} + 0.5);
  vGantwinState = texelFetch(gantwinStateMap, ivec2(gantwinIndex % ${STATE_TEXTURE_WIDTH}, gantwinIndex / ${STATE_TEXTURE_WIDTH}), 0);
}`,
      );
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nflat varying vec4 vGantwinState;')
      .replace(
        '#include <clipping_planes_fragment>',
        'if (vGantwinState.r < 0.5) discard;\n#include <clipping_planes_fragment>',
      )
      .replace(
        '#include <color_fragment>',
        `#include <color_fragment>
if (vGantwinState.g > 0.75) diffuseColor.rgb = mix(diffuseColor.rgb, ${SELECTED_TINT}, 0.6);
else if (vGantwinState.g > 0.25) diffuseColor.rgb = mix(diffuseColor.rgb, ${HOVER_TINT}, 0.35);`,
      );
  };
  material.customProgramCacheKey = () => 'gantwin-element-state';
  material.needsUpdate = true;
}
