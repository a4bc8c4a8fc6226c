import { useId, type ReactNode } from 'react';

export interface ToggleSectionProps {
  /** Accessible name of the switch too: "Active health checks". */
  title: string;
  description?: ReactNode;
  enabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  /** Rendered only while enabled: an off section sends nothing. */
  children: ReactNode;
  testId?: string;
}

/** A feature that is off by default: a switch in its header, its fields folded away until it is on. */
export function ToggleSection({ title, description, enabled, onEnabledChange, children, testId }: ToggleSectionProps) {
  const id = useId();
  return (
    <section className={`toggle-section${enabled ? ' toggle-section-on' : ''}`} aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="toggle-section-head">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={enabled}
          onChange={(e) => onEnabledChange(e.target.checked)}
          aria-describedby={description ? `${id}-desc` : undefined}
        />
        <div>
          <label htmlFor={id} id={`${id}-title`} className="toggle-section-title">
            {title}
          </label>
          {description ? (
            <p id={`${id}-desc`} className="field-hint">
              {description}
            </p>
          ) : null}
        </div>
      </div>
      {enabled ? <div className="toggle-section-body">{children}</div> : null}
    </section>
  );
}
