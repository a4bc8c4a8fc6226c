import { useContext, useId, useState, type ReactNode } from 'react';
import { ReadOnlyFormContext } from '../lib/write-access';

export interface DisclosureProps {
  title: string;
  summary?: ReactNode;
  /** Kept open while true, e.g. when a field inside has an error the user must see. */
  forceOpen?: boolean;
  defaultOpen?: boolean;
  children: ReactNode;
}

/** A folded group of rarely used fields ("Advanced"). */
export function Disclosure({ title, summary, forceOpen = false, defaultOpen = false, children }: DisclosureProps) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  // a read-only form (a viewer's) shows everything: its toggles are disabled with the rest of the form
  const readOnly = useContext(ReadOnlyFormContext);
  const shown = open || forceOpen || readOnly;
  return (
    <div className={`disclosure${shown ? ' disclosure-open' : ''}`}>
      <button type="button" className="disclosure-toggle" aria-expanded={shown} aria-controls={id} onClick={() => setOpen(!shown)}>
        <span className="disclosure-chevron" aria-hidden="true">
          ▸
        </span>
        {title}
        {summary ? <span className="disclosure-summary">{summary}</span> : null}
      </button>
      {shown ? (
        <div id={id} className="disclosure-body">
          {children}
        </div>
      ) : null}
    </div>
  );
}
