/**
 * A `<select>` of regions in tree order (see region-options.ts); cities and counties are indented with
 * full-width spaces, so the list reads 江西省 / 南昌市 / 东湖区 … without script.
 */
import type { RegionOption } from './region-options';

/** Props of {@link RegionSelect}. */
export interface RegionSelectProps {
  options: readonly RegionOption[];
  value: string;
  onChange: (code: string) => void;
  /** Shown first with value '' (forces a choice); omit to start on a region. */
  placeholder?: string;
  label: string;
  name?: string;
  disabled?: boolean;
  required?: boolean;
  className?: string;
}

const INDENT = '\u3000';

/** The region picker (see module doc). */
export function RegionSelect({ options, value, onChange, placeholder, label, name, disabled, required, className }: RegionSelectProps) {
  const hasValue = value === '' || options.some((option) => option.code === value);
  return (
    <select
      className={className ?? 'gt-input'} aria-label={label} name={name} value={value} disabled={disabled} required={required}
      onChange={(event) => onChange(event.target.value)}
    >
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {/* A value outside the options (an account above the admin's scope cannot appear, but stay honest). */}
      {hasValue ? null : <option value={value}>{value}</option>}
      {options.map((option) => (
        <option key={option.code} value={option.code}>
          {INDENT.repeat(option.depth)}
          {option.name}
        </option>
      ))}
    </select>
  );
}
