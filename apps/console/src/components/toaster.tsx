import { Toaster as Sonner } from 'sonner';
import { useTheme } from '../lib/theme';

/** The one place toasts render (sonner); `lib/notify.ts` raises them. Follows the console's theme. */
export function Toaster() {
  const [theme] = useTheme();
  return <Sonner theme={theme} position="bottom-right" closeButton richColors toastOptions={{ className: 'toast' }} />;
}
