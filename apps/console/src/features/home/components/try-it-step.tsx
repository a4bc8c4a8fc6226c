import { useState } from 'react';
import { Button } from '../../../components/button';
import type { GuideNode, GuideRoute } from '../api/get-guide-state';
import { GuideStep } from './guide-step';
import { tryItCommand } from './try-it-command';

/** The gateway's proxy listener when no node says where it is: AYA_PROXY_PORT's default. */
const DEFAULT_PROXY_URL = 'http://localhost:8000';

/** Where to send the request: a reported proxy address (in-sync nodes first), else a guess that says it is one. */
export function proxyTarget(nodes: readonly GuideNode[]): { url: string; reported: boolean } {
  const ordered = [...nodes].sort((a, b) => Number(b.inSync) - Number(a.inSync));
  const reported = ordered.map((n) => n.proxyUrls[0]).find((u): u is string => Boolean(u));
  if (reported) return { url: reported, reported: true };
  const host = ordered[0]?.hostname;
  return { url: host ? `http://${host}:8000` : DEFAULT_PROXY_URL, reported: false };
}

export interface TryItStepProps {
  route: GuideRoute | null;
  nodes: GuideNode[] | undefined;
  onFinish: () => void;
}

export function TryItStep({ route, nodes, onFinish }: TryItStepProps) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const list = nodes ?? [];
  const live = list.filter((n) => n.inSync).length;
  const target = proxyTarget(list);
  const command = route ? tryItCommand(target.url, route) : null;
  const done = route !== null && live > 0;
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <GuideStep n={4} title="Send it a request" done={done}>
      <p className="muted">A gateway serves the route once it has the new config; then this request reaches your upstream.</p>
      {route ? (
        <>
          {command ? (
            <div className="guide-command">
              <pre className="mono" data-testid="try-it-command">
                {command}
              </pre>
              <Button size="sm" onClick={() => void copy(command)}>
                {copied === 'yes' ? 'Copied' : 'Copy'}
              </Button>
            </div>
          ) : (
            <p>Every path of this route is a regular expression: send a request to {target.url} with a path it matches.</p>
          )}
          {copied === 'failed' ? <p className="field-hint">The browser refused the clipboard: select the command and copy it by hand.</p> : null}
          {target.reported ? null : (
            <p className="field-hint" data-testid="try-it-proxy-guess">
              No gateway reports its proxy address yet, so this assumes {target.url} (the gateway's AYA_PROXY_PORT default is 8000). Use your
              gateway&apos;s address if it differs.
            </p>
          )}
          <p data-testid="try-it-status">
            {list.length === 0
              ? 'No gateway has reported in yet: start one with the cluster token and it picks up this config.'
              : `Live on ${live} of ${list.length} gateway${list.length === 1 ? '' : 's'}.`}
          </p>
          {done ? (
            <Button variant="primary" size="sm" onClick={onFinish}>
              Finish and hide the guide
            </Button>
          ) : null}
        </>
      ) : null}
    </GuideStep>
  );
}
