/** An indeterminate progress bar with its label, for anything the user waits on. */
export function Progress({ label }: { label: string }) {
  return (
    <div className="progress" role="status">
      <div className="progress__bar" role="progressbar" aria-label={label} aria-busy="true">
        <div className="progress__fill" />
      </div>
      <span className="progress__label">{label}</span>
    </div>
  );
}
