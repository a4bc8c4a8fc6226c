import type { ReactNode } from 'react';
import { CheckCircle2, Circle } from 'lucide-react';

export interface GuideStepProps {
  n: number;
  title: string;
  done: boolean;
  children: ReactNode;
}

/** One step of the first-run guide, ticked when the live config has what it asks for. */
export function GuideStep({ n, title, done, children }: GuideStepProps) {
  return (
    <li className={`guide-step${done ? ' guide-step-done' : ''}`} data-testid={`guide-step-${n}`} data-done={done}>
      <span className="guide-step-mark" aria-hidden="true">
        {done ? <CheckCircle2 size={20} /> : <Circle size={20} />}
      </span>
      <div className="guide-step-body">
        <h3 className="guide-step-title">
          {n}. {title}
          <span className="visually-hidden">{done ? ' (done)' : ' (to do)'}</span>
        </h3>
        {children}
      </div>
    </li>
  );
}
