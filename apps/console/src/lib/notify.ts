import { toast } from 'sonner';
import { applyProgressText, followGatewayApply, type ApplyProgress } from './gateway-apply';

/** A short confirmation ("Service orders deleted") with nothing to follow. */
export function notifySuccess(message: string): void {
  toast.success(message);
}

export function notifyError(message: string): void {
  toast.error(message);
}

/**
 * After a write to the traffic config: the confirmation, then how many gateways run it. The toast stays
 * while the gateways catch up and then says "Applied on N of M gateways".
 */
export function notifyConfigWrite(message: string): void {
  let shown = 'Applying on gateways…';
  const id = toast.success(message, { description: shown, duration: Infinity });
  // only a changed count touches the toast: an update restarts its animation
  const onProgress = (p: ApplyProgress) => {
    const text = `${applyProgressText(p)}${p.applied < p.total ? ' Waiting…' : ''}`;
    if (text === shown) return;
    shown = text;
    toast.success(message, { id, description: text });
  };
  void followGatewayApply({ onProgress })
    .then((p) => toast.success(message, { id, description: applyProgressText(p), duration: 4_000 }))
    .catch(() => toast.success(message, { id, description: 'Gateway status unavailable.', duration: 4_000 }));
}

/** "Service orders created": the noun, the name when the resource has one, what happened. */
export function writtenMessage(noun: string, name: unknown, done: string): string {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return typeof name === 'string' && name ? `${Noun} ${name} ${done}` : `${Noun} ${done}`;
}

/** Traffic config follows the toast to the gateways ("Applied on N of M gateways"); other writes just confirm. */
export function notifyWrite(message: string, appliesToGateways = true): void {
  if (appliesToGateways) notifyConfigWrite(message);
  else notifySuccess(message);
}
