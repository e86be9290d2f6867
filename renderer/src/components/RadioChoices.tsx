import type { ReactNode } from 'react';

/** One choice of a radio group: what it is called, what it does, and (when set) why the organisation forbids it. */
export interface RadioChoice<K extends string> {
  kind: K;
  label: string;
  hint: ReactNode;
  /** Shown instead of the hint, with the choice disabled: the machine policy's reason. */
  forbidden?: ReactNode;
}

/** An engine choice as a labelled radio group (note engine, transcription engine): each choice described below it. */
export function RadioChoices<K extends string>(props: {
  id: string;
  legend: string;
  choices: RadioChoice<K>[];
  value: K;
  busy: boolean;
  onChoose: (kind: K) => void;
}) {
  const { id, legend, choices, value, busy, onChoose } = props;
  return (
    <fieldset className="stack engine-kinds">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <div key={c.kind} className="check">
          <input
            type="radio"
            id={`${id}-${c.kind}`}
            name={`${id}-kind`}
            value={c.kind}
            checked={value === c.kind}
            disabled={busy || !!c.forbidden}
            aria-describedby={`${id}-${c.kind}-d`}
            onChange={() => onChoose(c.kind)}
          />
          <div>
            <label htmlFor={`${id}-${c.kind}`}>{c.label}</label>
            <p id={`${id}-${c.kind}-d`} className="small muted hint">
              {c.forbidden ?? c.hint}
            </p>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
