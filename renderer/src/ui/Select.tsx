/**
 * A native select over a closed set of values (an enum's, or part of one): one option per value,
 * labelled by `label`, and an optional first option valued '' (“All stages”, “No change”).
 * onChange hands back the chosen value itself, or undefined for that first option, so no caller
 * parses option strings. Other attributes (id, aria-*, disabled) pass to the select, so labels
 * and FormField wire it as any select.
 */
import type { SelectHTMLAttributes } from 'react';

type NativeProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'defaultValue' | 'onChange' | 'children'>;

export type SelectProps<V extends string | number> = NativeProps & {
  options: readonly V[];
  label: (value: V) => string;
  /** '' shows the `none` option (or nothing, when there are no options). */
  value: V | '';
  onChange: (value: V | undefined) => void;
  /** The text of a first option valued ''. */
  none?: string;
};

export function Select<V extends string | number>({ options, label, value, onChange, none, ...native }: SelectProps<V>) {
  return (
    <select {...native} value={value} onChange={(e) => onChange(options.find((o) => String(o) === e.target.value))}>
      {none !== undefined && <option value="">{none}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}
