/** What went wrong with what the person just did, announced at once; nothing when nothing did. */
export function FormError({ id, children }: { id?: string; children: string | null | undefined | false }) {
  if (!children) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {children}
    </p>
  );
}
