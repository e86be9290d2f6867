import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { isMac, SHORTCUTS } from '../lib/shortcuts';

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The keyboard shortcuts sheet (opened with `?` or the footer's button): a modal dialog. Focus moves into it and
 * stays there (the app behind is inert, Tab wraps), Escape or Close closes it, and focus returns to where it was.
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const mac = isMac();

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = document.getElementById('root');
    if (root) root.inert = true;
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (root) root.inert = false;
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !ref.current?.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !ref.current?.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="modal card stack"
        data-testid="shortcut-help"
        onKeyDown={onKeyDown}
      >
        <div className="row spread">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button type="button" className="small-button" data-autofocus onClick={onClose}>
            Close
          </button>
        </div>
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.action}
                  {s.note && <span className="muted small"> ({s.note})</span>}
                </td>
                <td className="keys">
                  {s.keys(mac).map((k, i) => (
                    <span key={k}>
                      {i > 0 && '+'}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">Tab and Shift+Tab move between controls. Escape closes this sheet.</p>
      </div>
    </div>,
    document.body,
  );
}
