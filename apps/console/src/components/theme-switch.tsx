import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { useTheme, type ThemePreference } from '../lib/theme';

const OPTIONS: ReadonlyArray<{ value: ThemePreference; label: string; icon: LucideIcon }> = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

/** Light / dark / system as a radio group (one tab stop, arrow keys move), remembered in localStorage. */
export function ThemeSwitch() {
  const [theme, setTheme] = useTheme();
  return (
    <fieldset className="theme-switch">
      <legend className="visually-hidden">Theme</legend>
      {OPTIONS.map(({ value, label, icon: Icon }) => (
        <label key={value} className={`theme-option${theme === value ? ' theme-option-on' : ''}`} title={`${label} theme`}>
          <input type="radio" name="aya-theme" value={value} checked={theme === value} onChange={() => setTheme(value)} className="visually-hidden" />
          <Icon size={14} aria-hidden="true" />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
