/** A model's install control: progress with Cancel while installing, Install when it can be, else "Not available". */
export function InstallControl({
  name,
  progress,
  installable,
  onInstall,
  onCancel,
}: {
  name: string;
  progress: number | undefined;
  installable: boolean;
  onInstall: () => void;
  onCancel: () => void;
}) {
  if (progress !== undefined)
    return (
      <span className="row">
        <progress max={1} value={progress} aria-label={`Installing ${name}`} />
        <button type="button" className="small-button" aria-label={`Cancel installing ${name}`} onClick={onCancel}>
          Cancel
        </button>
      </span>
    );
  if (installable)
    return (
      <button type="button" className="small-button" aria-label={`Install ${name}`} onClick={onInstall}>
        Install
      </button>
    );
  return <span className="muted small">Not available</span>;
}
