import { useState } from 'react';
import { Button } from '../../../components/button';

export interface SecretNoticeProps {
  label: string;
  value: string;
  onDone: () => void;
}

/** A generated key or secret, shown once: the server keeps only its hash, so this is the only chance to copy it. */
export function SecretNotice({ label, value, onDone }: SecretNoticeProps) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission (plain http, an iframe): the field is selectable instead.
      setCopied('failed');
    }
  };
  return (
    <div className="alert alert-warning secret-notice" role="status" data-testid="new-secret">
      <p>
        <strong>Copy this {label} now. You will not see it again:</strong> Aya stores only a hash of it.
      </p>
      <div className="multi-row-line">
        <input className="input mono" readOnly value={value} aria-label={`New ${label}`} onFocus={(e) => e.target.select()} data-testid="new-secret-value" />
        <Button variant="primary" size="sm" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {copied === 'failed' ? <p className="field-hint">The browser refused the clipboard: select the text and copy it by hand.</p> : null}
      <div className="form-actions">
        <Button size="sm" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </div>
  );
}
