import { useId, useState } from 'react';

/** The largest PEM file read into a field (a long chain is a few tens of KiB; this refuses a wrong file quickly). */
const MAX_PEM_BYTES = 256 * 1024;

/** "Upload file…": reads a PEM file chosen from disk into a text field (the text stays editable). */
export function PemFileInput({ label, onLoad }: { label: string; onLoad: (text: string) => void }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="pem-file">
      <label htmlFor={id} className="btn btn-secondary btn-sm">
        {label}
      </label>
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept=".pem,.crt,.cer,.key,application/x-pem-file,application/x-x509-ca-cert,text/plain"
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          if (file.size > MAX_PEM_BYTES) {
            setProblem(`${file.name} is over 256 KiB: not a PEM file`);
            return;
          }
          const text = await file.text();
          if (!text.includes('-----BEGIN ')) {
            setProblem(`${file.name} has no PEM block (-----BEGIN …)`);
            return;
          }
          setProblem(null);
          onLoad(text.trim());
        }}
      />
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
