import { describe, expect, it } from 'vitest';
import { Box3, PerspectiveCamera, Scene, Vector3, type Plane, type WebGLRenderer } from 'three';
import type { InspectPluginContext } from '@viewer/three/inspect-plugin';
import { createSectionPlanePlugin } from './section-plane-plugin';

function fakeContext(box: Box3 | null) {
  let renders = 0;
  const clippingPlanes: Plane[] = [];
  const ctx: InspectPluginContext = {
    scene: new Scene(),
    camera: new PerspectiveCamera(),
    renderer: {} as WebGLRenderer,
    clippingPlanes,
    getModelBox: () => box,
    requestRender: () => { renders++; },
  };
  return { ctx, clippingPlanes, renders: () => renders };
}

describe('createSectionPlanePlugin', () => {
  const box = new Box3(new Vector3(-6, -0.5, -5), new Vector3(6, 9.5, 5));

  it('adds one plane that keeps points below the cut height (tolerance 1 mm)', () => {
    const { ctx, clippingPlanes } = fakeContext(box);
    const plugin = createSectionPlanePlugin({ isEnabled: true, heightM: 2.5 });
    plugin.attach(ctx);
    expect(clippingPlanes).toHaveLength(1);
    const plane = clippingPlanes[0];
    // three.js clips where distance < 0
    expect(plane.distanceToPoint(new Vector3(0, 2.4, 0))).toBeCloseTo(0.1, 3);
    expect(plane.distanceToPoint(new Vector3(3, 2.6, -1))).toBeCloseTo(-0.1, 3);
  });

  it('toggles and moves the plane and removes it on detach', () => {
    const { ctx, clippingPlanes, renders } = fakeContext(box);
    const plugin = createSectionPlanePlugin();
    plugin.attach(ctx);
    expect(clippingPlanes).toHaveLength(0);
    plugin.setState({ isEnabled: true, heightM: 4 });
    expect(clippingPlanes).toHaveLength(1);
    expect(clippingPlanes[0].distanceToPoint(new Vector3(0, 5, 0))).toBeCloseTo(-1, 6);
    plugin.setState({ isEnabled: false, heightM: 4 });
    expect(clippingPlanes).toHaveLength(0);
    plugin.setState({ isEnabled: true, heightM: 1 });
    plugin.detach();
    expect(clippingPlanes).toHaveLength(0);
    expect(ctx.scene.getObjectByName('section-plane-outline')).toBeUndefined();
    expect(renders()).toBeGreaterThanOrEqual(4);
  });

  it('reports the model height range and a default cut at 40 % of it', () => {
    const { ctx } = fakeContext(box);
    const plugin = createSectionPlanePlugin();
    expect(plugin.getHeightRangeM()).toBeNull();
    plugin.attach(ctx);
    expect(plugin.getHeightRangeM()).toEqual({ minM: -0.5, maxM: 9.5 });
    expect(plugin.getDefaultHeightM()).toBeCloseTo(3.5, 9);
  });
});
