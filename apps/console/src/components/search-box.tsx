import { useEffect, useId, useRef, useState } from 'react';

const DEBOUNCE_MS = 250;

/** A search input that reports what was typed once typing pauses (one API call per pause, not per key). */
export function SearchBox({ label, value, onSearch, placeholder }: { label: string; value: string; onSearch: (q: string) => void; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  // the URL is the source of truth: a clear, back/forward or a link changes it under us, and drops a pending search
  useEffect(() => {
    window.clearTimeout(timer.current);
    setText(value);
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (q.trim() !== value) onSearch(q);
  };
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="input"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          const q = e.target.value;
          setText(q);
          window.clearTimeout(timer.current);
          // only typing schedules a search: nothing a re-render does can fire a stale one
          timer.current = window.setTimeout(() => search(q), DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') search(text);
        }}
      />
    </div>
  );
}
