'use client';
/**
 * IFC spatial structure tree (IfcProject → IfcSite → IfcBuilding → IfcBuildingStorey → IfcSpace) with the
 * elements contained in each spatial node as leaves. Clicking a leaf selects that element; the path to the
 * selected element opens and scrolls into view. Text comes from the caller (`labels`).
 *
 * @see https://standards.buildingsmart.org/IFC/RELEASE/IFC4/ADD2_TC1/HTML/ (IfcRelAggregates, IfcRelContainedInSpatialStructure)
 */
import { useEffect, useMemo, useRef, useState } from 'react';

/** A spatial node; `SpatialNode` of tiling/stages/parse/parsed-model.ts satisfies it. */
export interface SpatialTreeNode {
  globalId: string;
  ifcClass: string;
  name: string | null;
  children: readonly SpatialTreeNode[];
}

/** What a leaf shows about an element (from the tile metadata or the model's properties file). */
export interface SpatialTreeElement {
  globalId: string;
  ifcClass: string;
  name: string | null;
}

/** Lookup of a leaf's element by GlobalId (a `Map` fits; `undefined`: the leaf shows the GlobalId only). */
export interface SpatialTreeElements {
  get(globalId: string): SpatialTreeElement | undefined;
}

/** UI text, from the caller's message catalogue. */
export interface SpatialTreeLabels {
  title: string;
  empty: string;
  expand: string;
  collapse: string;
  /** Element count after a node name, e.g. `(n) => `${n} 个构件``. */
  elementCount: (count: number) => string;
}

/** Props of {@link SpatialTree}. */
export interface SpatialTreeProps {
  root: SpatialTreeNode | null;
  /** Spatial node globalId → globalIds of the elements it contains directly. */
  containment: Readonly<Record<string, readonly string[]>>;
  elements: SpatialTreeElements;
  selectedGlobalId: string | null;
  onSelect: (globalId: string) => void;
  labels: SpatialTreeLabels;
}

/** Depth (0 = project) down to which spatial nodes start expanded: project, site, building. */
const INITIAL_EXPANDED_DEPTH = 2;

function collectInitialExpanded(node: SpatialTreeNode, depth: number, out: Set<string>): Set<string> {
  if (depth <= INITIAL_EXPANDED_DEPTH) out.add(node.globalId);
  for (const child of node.children) collectInitialExpanded(child, depth + 1, out);
  return out;
}

/** Child globalId → parent spatial node globalId, for spatial nodes and contained elements. */
function buildParentMap(root: SpatialTreeNode, containment: SpatialTreeProps['containment']): Map<string, string> {
  const parents = new Map<string, string>();
  const visit = (node: SpatialTreeNode) => {
    for (const child of node.children) {
      parents.set(child.globalId, node.globalId);
      visit(child);
    }
    for (const elementId of containment[node.globalId] ?? []) parents.set(elementId, node.globalId);
  };
  visit(root);
  return parents;
}

/** The spatial tree (see module doc). */
export function SpatialTree({ root, containment, elements, selectedGlobalId, onSelect, labels }: SpatialTreeProps) {
  const [expanded, setExpanded] = useState<Set<string>>(() => (root ? collectInitialExpanded(root, 0, new Set()) : new Set()));
  const parents = useMemo(() => (root ? buildParentMap(root, containment) : new Map<string, string>()), [root, containment]);
  const selectedRef = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (root) setExpanded((current) => collectInitialExpanded(root, 0, new Set(current)));
  }, [root]);

  useEffect(() => {
    if (!selectedGlobalId) return;
    const path: string[] = [];
    for (let id = parents.get(selectedGlobalId); id !== undefined; id = parents.get(id)) path.push(id);
    if (path.length === 0) return;
    setExpanded((current) => (path.every((id) => current.has(id)) ? current : new Set([...current, ...path])));
  }, [selectedGlobalId, parents]);

  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedGlobalId, expanded]);

  const toggle = (globalId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(globalId)) next.add(globalId);
      return next;
    });

  const renderNode = (node: SpatialTreeNode, depth: number) => {
    const isOpen = expanded.has(node.globalId);
    const contained = containment[node.globalId] ?? [];
    return (
      <li key={node.globalId} role="treeitem" aria-expanded={isOpen} data-global-id={node.globalId}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 4, paddingLeft: depth * 12 }}>
          <button
            type="button"
            className="gt-icon-button"
            aria-label={isOpen ? labels.collapse : labels.expand}
            onClick={() => toggle(node.globalId)}
            style={{ width: 18, flex: 'none' }}
          >
            {isOpen ? '▾' : '▸'}
          </button>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 13 }}>
            {node.name ?? node.ifcClass}
            <span className="gt-panel__count"> · {node.ifcClass.replace(/^Ifc/, '')}</span>
            {contained.length > 0 ? <span className="gt-panel__count"> ({labels.elementCount(contained.length)})</span> : null}
          </span>
        </div>
        {isOpen ? (
          <ul role="group" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {node.children.map((child) => renderNode(child, depth + 1))}
            {contained.map((elementId) => {
              const element = elements.get(elementId);
              const isSelected = elementId === selectedGlobalId;
              return (
                <li key={elementId} role="treeitem" aria-selected={isSelected} data-global-id={elementId}>
                  <button
                    type="button"
                    ref={isSelected ? selectedRef : undefined}
                    onClick={() => onSelect(elementId)}
                    className="gt-link"
                    style={{
                      display: 'block', width: '100%', textAlign: 'left', border: 0, cursor: 'pointer',
                      padding: `2px 6px 2px ${(depth + 1) * 12 + 22}px`, borderRadius: 4, fontSize: 12,
                      background: isSelected ? 'rgba(25, 120, 220, 0.55)' : 'transparent',
                      overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap',
                    }}
                    title={elementId}
                  >
                    {element?.name ?? element?.ifcClass ?? elementId}
                    {element ? <span className="gt-panel__count"> · {element.ifcClass.replace(/^Ifc/, '')}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </li>
    );
  };

  return (
    <section className="gt-panel" aria-label={labels.title} data-testid="spatial-tree">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{labels.title}</h2>
      </header>
      <div className="gt-panel__body">
        {root ? (
          <ul role="tree" aria-label={labels.title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {renderNode(root, 0)}
          </ul>
        ) : (
          <p className="gt-panel__message">{labels.empty}</p>
        )}
      </div>
    </section>
  );
}
