'use client';
/**
 * The BIM inspection page's client part: loads the model and its class facets (tRPC) and the model's
 * `properties.json` once (viewer/core/model-properties-cache.ts: spatial tree, containment, every element's name,
 * class and property sets), and composes the header, spatial tree, storeys (ordered by elevation, each can be
 * isolated), class filter, three.js canvas, property panel and section plane. The panel answers from that file in
 * memory; only a model without a readable file (converted before it existed) asks `twin.elements.byGlobalId` instead.
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
import { listStoreys, modelStructureOf } from '@viewer/three/model-structure';
import { StoreyFilterPanel } from '@viewer/three/storey-filter-panel';
import { buildTwinReturnHref } from '@viewer/three/twin-return-href';
import { LocaleSwitch } from '@viewer/ui/locale-switch';
import { PropertyPanel, type PropertyPanelElement } from '@viewer/ui/property-panel';
import { SpatialTree, type SpatialTreeElement, type SpatialTreeElements } from '@viewer/ui/spatial-tree';
import { AccountMenuSlot } from '../../accounts/account-menu-slot';
import { switchLocale } from '../../shell/switch-locale';
import { useIsCompactLayout } from '../../shell/use-compact-layout';
import { useShellPanels } from '../../shell/use-shell-panels';
import { useTRPC } from '../../providers';
import { trpcErrorCode } from '../../trpc-error-code';
import { modelPropertiesQueryOptions } from '../../twin/model-properties-query';
import { InspectViewerLoader } from './inspect-viewer-loader';
import styles from './inspect.module.css';

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

/** The inspection page (see module doc). */
export function InspectApp({ modelId, locale, initialSelectedGlobalId }: InspectAppProps) {
  const t = createTranslator(INSPECT_MESSAGES, locale);
  const trpc = useTRPC();
  const router = useRouter();

  const modelQuery = useQuery(trpc.twin.models.byId.queryOptions({ id: modelId }, { retry: false }));
  const model = modelQuery.data ?? null;
  const isModelReady = model?.status === 'ready';
  const facetsQuery = useQuery(trpc.twin.elements.facets.queryOptions(isModelReady ? { modelId } : skipToken));
  // The model's properties.json, loaded once (the page cache shares it with any other view of the model).
  const propertiesQuery = useQuery(modelPropertiesQueryOptions(isModelReady ? modelId : null));
  const properties = propertiesQuery.data ?? null;
  const structure = useMemo(() => (properties ? modelStructureOf(properties) : null), [properties]);
  // A model whose properties.json is missing or of an older format (converted before it existed): the panel asks
  // the database.
  const hasNoPropertiesFile = propertiesQuery.error !== null;
  const [selectedGlobalId, setSelectedGlobalId] = useState<string | null>(initialSelectedGlobalId);
  const fallbackQuery = useQuery(
    trpc.twin.elements.byGlobalId.queryOptions(selectedGlobalId && hasNoPropertiesFile ? { globalId: selectedGlobalId, modelId } : skipToken, {
      retry: false,
    }),
  );

  const panels = useShellPanels(PANEL_IDS, useIsCompactLayout());
  const { isCompact, toggle: togglePanel, isOpen: isPanelOpen } = panels;
  const storeys = useMemo(
    () => listStoreys(structure?.spatialTree ?? null, structure?.containment ?? {}),
    [structure],
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
  // Tree leaves: loaded tiles bring their names; the others come from properties.json (decoded per shown leaf).
  const elements = useMemo<SpatialTreeElements>(
    () => ({ get: (globalId: string) => loadedElements.get(globalId) ?? properties?.element(globalId) ?? undefined }),
    [properties, loadedElements],
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
      showMore: (shown: number, total: number) => tt('tree.showMore', { shown: formatNumber(shown, locale), total: formatNumber(total, locale) }),
    };
  }, [locale]);

  const modelName = model ? (locale === 'en' ? model.nameEn : model.name) : null;
  // The selected element, from properties.json in memory (a tree selection needs no loaded tile).
  const selectedElement = useMemo<PropertyPanelElement | null>(() => {
    if (!selectedGlobalId) return null;
    if (hasNoPropertiesFile) return fallbackQuery.data ?? null;
    const element = properties?.element(selectedGlobalId) ?? null;
    return element ? { ...element, ...(modelName ? { modelName } : {}) } : null;
  }, [selectedGlobalId, hasNoPropertiesFile, fallbackQuery.data, properties, modelName]);
  let panelError: string | null = null;
  let isPanelLoading = false;
  if (selectedGlobalId && hasNoPropertiesFile) {
    if (fallbackQuery.error) panelError = trpcErrorCode(fallbackQuery.error) === 'NOT_FOUND' ? t('property.notFound', { globalId: selectedGlobalId }) : fallbackQuery.error.message;
    isPanelLoading = fallbackQuery.isPending;
  } else if (selectedGlobalId) {
    if (properties && !selectedElement) panelError = t('property.notFound', { globalId: selectedGlobalId });
    isPanelLoading = !properties;
  }

  let blocker: string | null = null;
  if (modelQuery.isPending) blocker = t('page.loadingModel');
  else if (modelQuery.error) blocker = trpcErrorCode(modelQuery.error) === 'NOT_FOUND' || trpcErrorCode(modelQuery.error) === 'BAD_REQUEST' ? t('page.modelNotFound') : modelQuery.error.message;
  else if (model && !isModelReady) blocker = t('page.modelNotReady', { status: model.status });
  else if (!isViewerReady) blocker = t('page.loadingTiles');

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
              root={structure?.spatialTree ?? null}
              containment={structure?.containment ?? {}}
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
              element={selectedElement}
              loading={isPanelLoading}
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
