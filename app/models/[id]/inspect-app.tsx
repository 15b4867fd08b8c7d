'use client';
/**
 * The BIM inspection page's client part: loads the model, class facets, structure.json and the selected
 * element's properties, and composes the header, spatial tree, storeys (ordered by elevation, each can be
 * isolated), class filter, three.js canvas, property panel and section plane.
 *
 * Layout: two collapsible columns around the canvas (toggles at the canvas's top left, `aria-expanded`). On a
 * phone or a tablet in portrait (≤ 900 px) the canvas takes the whole screen and each column opens as a bottom sheet, one at a time; a
 * picked element opens the properties sheet, at most 42 % high, so the element stays in view above it.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { SectionControls } from '@viewer/plugins/section/section-controls';
import {
  createSectionPlanePlugin, type SectionHeightRange, type SectionPlaneState,
} from '@viewer/plugins/section/section-plane-plugin';
import { ClassFilterPanel, type ClassFacet } from '@viewer/three/class-filter-panel';
import type { ElementRecord } from '@viewer/three/element-state-table';
import type { ClassFilter, InspectEngine } from '@viewer/three/inspect-engine';
import { installInspectTestHook } from '@viewer/three/inspect-test-hook';
import { INSPECT_MESSAGES } from '@viewer/three/messages';
import { listStoreys, parseModelStructure } from '@viewer/three/model-structure';
import { StoreyFilterPanel } from '@viewer/three/storey-filter-panel';
import { buildTwinReturnHref } from '@viewer/three/twin-return-href';
import { LocaleSwitch } from '@viewer/ui/locale-switch';
import { PropertyPanel } from '@viewer/ui/property-panel';
import { SpatialTree, type SpatialTreeElement } from '@viewer/ui/spatial-tree';
import { ELEMENTS_PAGE_LIMIT_MAX } from '@server/twin/page-limits';
import { AccountMenuSlot } from '../../accounts/account-menu-slot';
import { switchLocale } from '../../shell/switch-locale';
import { useIsCompactLayout } from '../../shell/use-compact-layout';
import { useShellPanels } from '../../shell/use-shell-panels';
import { useTRPC, useTRPCClient } from '../../providers';
import { trpcErrorCode } from '../../trpc-error-code';
import { InspectViewerLoader } from './inspect-viewer-loader';
import styles from './inspect.module.css';

/** Page size (the router's maximum) and page cap (20,000 names) when listing element names for the spatial tree. */
const NAME_PAGE_SIZE = ELEMENTS_PAGE_LIMIT_MAX;
const MAX_NAME_PAGES = 40;

/** Section slider resolution, metres (the default cut is rounded to it). */
const SECTION_ROUND_M = 0.05;

/** The two collapsible columns: spatial tree, storeys and classes; section plane and properties. */
const PANEL_IDS = ['structure', 'properties'] as const;

/** Props of {@link InspectApp}. */
export interface InspectAppProps {
  modelId: string;
  locale: Locale;
  /** Element to select first (from `?sel=`), already checked to be a GlobalId. */
  initialSelectedGlobalId: string | null;
}

async function fetchStructure(url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return parseModelStructure(await response.json());
}

/** The inspection page (see module doc). */
export function InspectApp({ modelId, locale, initialSelectedGlobalId }: InspectAppProps) {
  const t = createTranslator(INSPECT_MESSAGES, locale);
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const router = useRouter();

  const modelQuery = useQuery(trpc.twin.models.byId.queryOptions({ id: modelId }, { retry: false }));
  const model = modelQuery.data ?? null;
  const isModelReady = model?.status === 'ready';
  const facetsQuery = useQuery(trpc.twin.elements.facets.queryOptions(isModelReady ? { modelId } : skipToken));
  const structureQuery = useQuery({
    queryKey: ['twin', 'structure', modelId],
    queryFn: () => fetchStructure(`/tiles/${modelId}/structure.json`),
    enabled: isModelReady,
    staleTime: Infinity,
  });

  // Names for tree leaves whose tiles are not loaded yet (loaded tiles bring their own names).
  const namesQuery = useQuery({
    queryKey: ['twin', 'element-names', modelId],
    enabled: isModelReady,
    staleTime: Infinity,
    queryFn: async () => {
      const names = new Map<string, SpatialTreeElement>();
      for (let page = 0; page < MAX_NAME_PAGES; page++) {
        const offset = page * NAME_PAGE_SIZE;
        const result = await trpcClient.twin.elements.list.query({ modelId, limit: NAME_PAGE_SIZE, offset });
        for (const item of result.items) names.set(item.globalId, item);
        if (offset + NAME_PAGE_SIZE >= result.total) break;
      }
      return names;
    },
  });
  const [selectedGlobalId, setSelectedGlobalId] = useState<string | null>(initialSelectedGlobalId);
  const elementQuery = useQuery(
    trpc.twin.elements.byGlobalId.queryOptions(selectedGlobalId ? { globalId: selectedGlobalId, modelId } : skipToken, {
      retry: false,
    }),
  );

  const panels = useShellPanels(PANEL_IDS, useIsCompactLayout());
  const { isCompact, toggle: togglePanel, isOpen: isPanelOpen } = panels;
  const storeys = useMemo(
    () => listStoreys(structureQuery.data?.spatialTree ?? null, structureQuery.data?.containment ?? {}),
    [structureQuery.data],
  );
  const [isolatedStoreyId, setIsolatedStoreyId] = useState<string | null>(null);
  const [hiddenClasses, setHiddenClasses] = useState<ReadonlySet<string>>(() => new Set());
  const [isolatedClass, setIsolatedClass] = useState<string | null>(null);
  const classFilter = useMemo<ClassFilter>(
    () => ({
      hiddenClasses,
      isolatedClass,
      isolatedGlobalIds: storeys.find((storey) => storey.globalId === isolatedStoreyId)?.elementGlobalIds ?? null,
    }),
    [hiddenClasses, isolatedClass, storeys, isolatedStoreyId],
  );
  const [loadedElements, setLoadedElements] = useState<ReadonlyMap<string, SpatialTreeElement>>(() => new Map());
  const elements = useMemo<ReadonlyMap<string, SpatialTreeElement>>(
    () => (namesQuery.data ? new Map([...namesQuery.data, ...loadedElements]) : loadedElements),
    [namesQuery.data, loadedElements],
  );

  const section = useMemo(() => createSectionPlanePlugin(), []);
  const plugins = useMemo(() => [section], [section]);
  const [sectionState, setSectionState] = useState<SectionPlaneState>({ isEnabled: false, heightM: 0 });
  const [sectionRange, setSectionRange] = useState<SectionHeightRange | null>(null);
  const sectionStateRef = useRef(sectionState);
  const [engine, setEngine] = useState<InspectEngine | null>(null);
  const [tileError, setTileError] = useState<string | null>(null);
  const [isViewerReady, setIsViewerReady] = useState(false);

  const onSectionChange = useCallback(
    (next: SectionPlaneState) => {
      sectionStateRef.current = next;
      setSectionState(next);
      section.setState(next);
    },
    [section],
  );
  const onReady = useCallback(
    (readyEngine: InspectEngine) => {
      setIsViewerReady(true);
      if (initialSelectedGlobalId) readyEngine.zoomToElement(initialSelectedGlobalId);
      setSectionRange(section.getHeightRangeM());
      const defaultHeightM = section.getDefaultHeightM();
      if (defaultHeightM !== null) {
        onSectionChange({
          isEnabled: sectionStateRef.current.isEnabled,
          heightM: Math.round(defaultHeightM / SECTION_ROUND_M) * SECTION_ROUND_M,
        });
      }
    },
    [section, onSectionChange, initialSelectedGlobalId],
  );
  const onPick = useCallback(
    (element: ElementRecord | null) => {
      setSelectedGlobalId(element?.globalId ?? null);
      // On a phone the properties open as a sheet under the picked element.
      if (element && isCompact && !isPanelOpen('properties')) togglePanel('properties');
    },
    [isCompact, isPanelOpen, togglePanel],
  );
  const onElementsChange = useCallback((records: readonly ElementRecord[]) => {
    setLoadedElements(new Map(records.map((record) => [record.globalId, record])));
  }, []);
  const onTreeSelect = useCallback(
    (globalId: string) => {
      setSelectedGlobalId(globalId);
      engine?.zoomToElement(globalId);
    },
    [engine],
  );
  const onTileError = useCallback((error: Error) => setTileError(error.message), []);

  useEffect(() => {
    if (!engine) return;
    return installInspectTestHook(engine, engine.context.renderer.domElement, () => ({
      section: sectionStateRef.current,
    }));
  }, [engine]);

  const classes = useMemo<ClassFacet[]>(() => {
    if (facetsQuery.data) return facetsQuery.data.classes;
    const counts = new Map<string, number>();
    for (const element of loadedElements.values()) counts.set(element.ifcClass, (counts.get(element.ifcClass) ?? 0) + 1);
    return [...counts].map(([ifcClass, count]) => ({ ifcClass, count })).sort((a, b) => b.count - a.count);
  }, [facetsQuery.data, loadedElements]);

  const onToggleClass = useCallback((ifcClass: string, isVisible: boolean) => {
    setHiddenClasses((current) => {
      const next = new Set(current);
      if (isVisible) next.delete(ifcClass);
      else next.add(ifcClass);
      return next;
    });
  }, []);
  const onShowAll = useCallback(() => {
    setHiddenClasses(new Set());
    setIsolatedClass(null);
  }, []);

  const onLocaleChange = useCallback((next: Locale) => switchLocale(router, next), [router]);

  const treeLabels = useMemo(() => {
    const tt = createTranslator(INSPECT_MESSAGES, locale);
    return {
      title: tt('tree.title'),
      empty: tt('tree.empty'),
      expand: tt('tree.expand'),
      collapse: tt('tree.collapse'),
      elementCount: (count: number) => tt('tree.elementCount', { count: formatNumber(count, locale) }),
    };
  }, [locale]);

  const panelError =
    elementQuery.error && selectedGlobalId
      ? trpcErrorCode(elementQuery.error) === 'NOT_FOUND'
        ? t('property.notFound', { globalId: selectedGlobalId })
        : elementQuery.error.message
      : null;

  let blocker: string | null = null;
  if (modelQuery.isPending) blocker = t('page.loadingModel');
  else if (modelQuery.error) blocker = trpcErrorCode(modelQuery.error) === 'NOT_FOUND' || trpcErrorCode(modelQuery.error) === 'BAD_REQUEST' ? t('page.modelNotFound') : modelQuery.error.message;
  else if (model && !isModelReady) blocker = t('page.modelNotReady', { status: model.status });
  else if (!isViewerReady) blocker = t('page.loadingTiles');

  const modelName = model ? (locale === 'en' ? model.nameEn : model.name) : null;
  const columns = `${isPanelOpen('structure') ? 'var(--gt-side-w)' : '0px'} minmax(0, 1fr) ${isPanelOpen('properties') ? 'var(--gt-right-w)' : '0px'}`;
  const panelToggle = (id: (typeof PANEL_IDS)[number], title: string) => (
    <button
      type="button"
      className="gt-dock__toggle"
      aria-expanded={isPanelOpen(id)}
      aria-controls={`inspect-${id}`}
      onClick={() => togglePanel(id)}
      data-testid={`dock-toggle-${id}`}
    >
      <span className="gt-dock__chevron" aria-hidden="true">{isPanelOpen(id) ? '▾' : '▸'}</span>
      {title}
    </button>
  );
  // A chevron, not a second ✕: the property panel's own ✕ clears the selection, this one only lowers the sheet.
  const sheetClose = isCompact ? (
    <button type="button" className={`gt-icon-button ${styles.sheetClose}`} onClick={panels.closeAll} aria-label={t('dock.close')} title={t('dock.close')}>
      ⌄
    </button>
  ) : null;

  return (
    <div className={styles.page} data-testid="inspect-page">
      <header className={styles.header}>
        <a
          className={`gt-button gt-button--small ${styles.back}`}
          href={model ? buildTwinReturnHref(model, selectedGlobalId) : '/'}
          data-testid="back-to-twin"
          aria-label={t('page.backToTwin')}
          title={t('page.backToTwin')}
        >
          ← <span className={styles.backText}>{t('page.backToTwin')}</span>
        </a>
        <h1 className={styles.title}>{t('page.title')}</h1>
        {model ? (
          <span className={styles.modelName} title={model.fileName} data-testid="inspect-model-name">
            {modelName}
            <span className={styles.modelMeta}> · {model.schema} · {t('page.elementCount', { count: formatNumber(model.elementCount, locale) })}</span>
          </span>
        ) : null}
        <div className={styles.headerControls}>
          <button type="button" className="gt-button gt-button--small" disabled={!engine} onClick={() => engine?.fitToModel()}>
            {t('page.fit')}
          </button>
          <LocaleSwitch locale={locale} onChange={onLocaleChange} />
          <AccountMenuSlot locale={locale} />
        </div>
      </header>
      <div className={styles.main} style={isCompact ? undefined : { gridTemplateColumns: columns }} data-compact={isCompact ? 'true' : 'false'}>
        <aside className={styles.side} id="inspect-structure" hidden={!isPanelOpen('structure')} aria-label={t('dock.structure')}>
          {sheetClose}
          <div className={styles.tree}>
            <SpatialTree
              root={structureQuery.data?.spatialTree ?? null}
              containment={structureQuery.data?.containment ?? {}}
              elements={elements}
              selectedGlobalId={selectedGlobalId}
              onSelect={onTreeSelect}
              labels={treeLabels}
            />
          </div>
          <div className={styles.storeys}>
            <StoreyFilterPanel storeys={storeys} isolatedStoreyId={isolatedStoreyId} locale={locale} onIsolate={setIsolatedStoreyId} />
          </div>
          <div className={styles.classes}>
            <ClassFilterPanel
              classes={classes}
              hiddenClasses={hiddenClasses}
              isolatedClass={isolatedClass}
              locale={locale}
              onToggleClass={onToggleClass}
              onIsolate={setIsolatedClass}
              onShowAll={onShowAll}
            />
          </div>
        </aside>
        <main className={styles.canvas}>
          {model && isModelReady ? (
            <InspectViewerLoader
              tilesetUrl={model.tilesetUrl}
              selectedGlobalId={selectedGlobalId}
              classFilter={classFilter}
              plugins={plugins}
              onPick={onPick}
              onElementsChange={onElementsChange}
              onReady={onReady}
              onError={onTileError}
              onEngineChange={setEngine}
              label={t('page.canvasLabel')}
            />
          ) : null}
          {blocker || tileError ? (
            <div className={styles.overlay} role="status">
              <span className={tileError ? styles.error : undefined}>
                {tileError ? t('page.loadError', { message: tileError }) : blocker}
              </span>
            </div>
          ) : null}
          <div className={`gt-dock__toggles ${styles.toggles}`} role="toolbar" aria-label={t('dock.label')}>
            {panelToggle('structure', t('dock.structure'))}
            {panelToggle('properties', t('dock.properties'))}
          </div>
          <div className={styles.hint}>{t('page.hint')}</div>
        </main>
        <aside className={`${styles.side} ${styles.propertiesSide}`} id="inspect-properties" hidden={!isPanelOpen('properties')} aria-label={t('dock.properties')}>
          {sheetClose}
          <div className={styles.fixed}>
            <SectionControls state={sectionState} rangeM={sectionRange} locale={locale} onChange={onSectionChange} />
          </div>
          <div className={styles.grow}>
            <PropertyPanel
              element={elementQuery.data ?? null}
              loading={selectedGlobalId !== null && elementQuery.isPending}
              error={panelError}
              locale={locale}
              onClose={selectedGlobalId ? () => setSelectedGlobalId(null) : undefined}
            />
          </div>
        </aside>
      </div>
    </div>
  );
}
