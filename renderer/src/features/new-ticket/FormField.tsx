/**
 * One labelled form control with its hint and its problem. Only the label text names the control;
 * the hint and the problem describe it (aria-describedby), so a screen reader reads the name
 * first and the problem after, and the control is marked invalid while the problem stands.
 */
import { cloneElement, type ReactElement } from 'react';

type Control = ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;

export function FormField(props: { id: string; label: string; hint?: string; error?: string | null; children: Control }) {
  const { id, label, hint, error } = props;
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(props.children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
      {hint && (
        <span id={`${id}-hint`} className="kbd-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
