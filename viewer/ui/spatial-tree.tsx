'use client';
/**
 * IFC spatial structure tree (IfcProject → IfcSite → IfcBuilding → IfcBuildingStorey → IfcSpace) with the
 * elements contained in each spatial node as leaves. Clicking a leaf selects that element; the path to the
 * selected element opens and scrolls into view. Text comes from the caller (`labels`).
 *
 * Notes: a node shows its first {@link LEAF_PAGE_SIZE} leaves, the selected one after them when it lies further
 * down, and a "show more" button; each node's leaves re-render only when the selection enters or leaves them.
 * Before, every selection re-rendered every open leaf: the railway sample's open group of 9 000 elements made a
 * click → panel take ≈ 100 ms of React work (docs/bench-tiling.md, click → property panel).
 *
 * @see https://standards.buildingsmart.org/IFC/RELEASE/IFC4/ADD2_TC1/HTML/ (IfcRelAggregates, IfcRelContainedInSpatialStructure)
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';

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
  /** The button under a node's shown leaves, e.g. `(shown, total) => `显示更多（${shown} / ${total}）``. */
  showMore: (shown: number, total: number) => string;
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

/** Leaves a node shows at first, and how many more each "show more" adds. */
export const LEAF_PAGE_SIZE = 200;

/**
 * The leaves a node renders: its first `limit` elements, and the selected one after them when it lies further down
 * (so a click in a group of thousands renders ≈ `limit` rows, not every row up to it).
 * @param selectedGlobalId the selection, or null
 */
export function shownLeaves(ids: readonly string[], limit: number, selectedGlobalId: string | null): readonly string[] {
  const first = ids.length > limit ? ids.slice(0, limit) : ids;
  if (selectedGlobalId === null || first === ids || first.includes(selectedGlobalId) || !ids.includes(selectedGlobalId)) return first;
  return [...first, selectedGlobalId];
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
  const [leafLimits, setLeafLimits] = useState<ReadonlyMap<string, number>>(() => new Map());
  // Stable callbacks, so that a node's memoised leaves do not re-render because the caller passed a new function.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  const select = useCallback((globalId: string) => onSelectRef.current(globalId), []);
  const showMore = useCallback(
    (nodeId: string) => setLeafLimits((current) => new Map(current).set(nodeId, (current.get(nodeId) ?? LEAF_PAGE_SIZE) + LEAF_PAGE_SIZE)),
    [],
  );

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
            {contained.length > 0 ? (
              <ContainedLeaves
                nodeId={node.globalId}
                ids={contained}
                limit={leafLimits.get(node.globalId) ?? LEAF_PAGE_SIZE}
                depth={depth}
                selectedGlobalId={selectedGlobalId !== null && parents.get(selectedGlobalId) === node.globalId ? selectedGlobalId : null}
                elements={elements}
                onSelect={select}
                onShowMore={showMore}
                selectedRef={selectedRef}
                showMoreLabel={labels.showMore}
              />
            ) : null}
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

/** Props of {@link ContainedLeaves}. */
interface ContainedLeavesProps {
  nodeId: string;
  ids: readonly string[];
  limit: number;
  depth: number;
  /** The selection when it is one of `ids`, else null (so the others do not re-render). */
  selectedGlobalId: string | null;
  elements: SpatialTreeElements;
  onSelect: (globalId: string) => void;
  onShowMore: (nodeId: string) => void;
  selectedRef: RefObject<HTMLButtonElement | null>;
  showMoreLabel: SpatialTreeLabels['showMore'];
}

/** The first `limit` elements contained in one spatial node, and a "show more" button when there are more. */
const ContainedLeaves = memo(function ContainedLeaves({ nodeId, ids, limit, depth, selectedGlobalId, elements, onSelect, onShowMore, selectedRef, showMoreLabel }: ContainedLeavesProps) {
  const padding = (depth + 1) * 12 + 22;
  return (
    <>
      {shownLeaves(ids, limit, selectedGlobalId).map((elementId, i) => {
        const element = elements.get(elementId);
        const isSelected = elementId === selectedGlobalId;
        return (
          <li key={elementId} role="treeitem" aria-selected={isSelected} data-global-id={elementId}>
            {i === limit ? (
              // The selection lies beyond the shown page: a gap marks the leaves left out before it.
              <div aria-hidden="true" className="gt-panel__count" style={{ padding: `0 6px 0 ${padding}px`, fontSize: 12 }}>
                ⋯
              </div>
            ) : null}
            <button
              type="button"
              ref={isSelected ? selectedRef : undefined}
              onClick={() => onSelect(elementId)}
              className="gt-link"
              style={{
                display: 'block', width: '100%', textAlign: 'left', border: 0, cursor: 'pointer',
                padding: `2px 6px 2px ${padding}px`, borderRadius: 4, fontSize: 12,
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
      {ids.length > limit ? (
        <li role="none">
          <button type="button" className="gt-link" data-testid="spatial-tree-more" onClick={() => onShowMore(nodeId)} style={{ padding: `2px 6px 2px ${padding}px`, fontSize: 12 }}>
            {showMoreLabel(limit, ids.length)}
          </button>
        </li>
      ) : null}
    </>
  );
});
