'use client';
/**
 * One Markdown section of a village (概况, 历史文化, 民俗文化, 传统技艺): Chinese and English text areas with a live
 * preview rendered by the same safe renderer as the public pages (../markdown.ts). Sends the `updatedAt` of the
 * section as it was when the curator started typing (null when the village had none of this kind), so a save over
 * someone else's newer text is refused.
 */
import { useEffect, useMemo, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { renderVillageMarkdown } from '../markdown';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurateSectionView, SectionKindName } from './editor-shapes';

/** Longest section text, characters (server/villages/curate/curate-inputs.ts MAX_SECTION_CHARS). */
export const SECTION_MAX_CHARS = 50_000;

/** What a save sends. */
export interface SectionSave {
  kind: SectionKindName;
  bodyZh: string;
  bodyEn: string | null;
  updatedAt: Date | null;
}

/** Props of {@link SectionEditor}. */
export interface SectionEditorProps {
  locale: Locale;
  kind: SectionKindName;
  section: CurateSectionView | null;
  busy: boolean;
  /** Resolves with the saved section's new `updatedAt`, null when the save failed. */
  onSave: (save: SectionSave) => Promise<Date | null>;
}

/** The editor (see module doc). */
export function SectionEditor({ locale, kind, section, busy, onSave }: SectionEditorProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const [bodyZh, setBodyZh] = useState(section?.bodyZh ?? '');
  const [bodyEn, setBodyEn] = useState(section?.bodyEn ?? '');
  const [base, setBase] = useState<{ bodyZh: string; bodyEn: string; updatedAt: Date | null }>({ bodyZh: section?.bodyZh ?? '', bodyEn: section?.bodyEn ?? '', updatedAt: section?.updatedAt ?? null });
  const dirty = bodyZh !== base.bodyZh || bodyEn !== base.bodyEn;
  useEffect(() => {
    if (dirty) return;
    setBase({ bodyZh: section?.bodyZh ?? '', bodyEn: section?.bodyEn ?? '', updatedAt: section?.updatedAt ?? null });
    setBodyZh(section?.bodyZh ?? '');
    setBodyEn(section?.bodyEn ?? '');
    // Only a new version of the section resets the editor.
  }, [section?.updatedAt.getTime()]);
  const previewZh = useMemo(() => renderVillageMarkdown(bodyZh), [bodyZh]);
  const previewEn = useMemo(() => renderVillageMarkdown(bodyEn), [bodyEn]);
  const title = t(`section.${kind}`);
  return (
    <section className="gt-curate-section" aria-label={title} data-testid={`section-${kind}`}>
      <h3 className="gt-curate-section__title">{title}</h3>
      <div className="gt-curate-section__panes">
        <label className="gt-field">
          <span className="gt-field__label">{t('section.zh')} · {t('section.chars', { count: bodyZh.length, max: SECTION_MAX_CHARS })}</span>
          <textarea className="gt-input gt-curate-textarea gt-curate-markdown" rows={8} maxLength={SECTION_MAX_CHARS} value={bodyZh} onChange={(e) => setBodyZh(e.target.value)} data-testid={`section-${kind}-zh`} />
        </label>
        <div className="gt-field">
          <span className="gt-field__label">{t('section.preview')}</span>
          <div className="gt-curate-preview" data-testid={`section-${kind}-preview`} dangerouslySetInnerHTML={{ __html: previewZh }} />
        </div>
        <label className="gt-field">
          <span className="gt-field__label">{t('section.en')}</span>
          <textarea className="gt-input gt-curate-textarea gt-curate-markdown" rows={4} maxLength={SECTION_MAX_CHARS} value={bodyEn} onChange={(e) => setBodyEn(e.target.value)} />
        </label>
        <div className="gt-field">
          <span className="gt-field__label">{t('section.preview')}</span>
          <div className="gt-curate-preview" dangerouslySetInnerHTML={{ __html: previewEn }} />
        </div>
      </div>
      <div className="gt-curate-actions">
        <span className="gt-table__muted">{t('section.emptyHidden')}</span>
        <button
          type="button" className="gt-button gt-button--primary" disabled={busy || !dirty} data-testid={`section-${kind}-save`}
          onClick={() => {
            const saved = { bodyZh, bodyEn };
            void onSave({ kind, bodyZh, bodyEn: bodyEn.trim() ? bodyEn : null, updatedAt: base.updatedAt }).then((updatedAt) => {
              if (updatedAt) setBase({ ...saved, updatedAt });
            });
          }}
        >
          {t('section.save')}
        </button>
      </div>
    </section>
  );
}
