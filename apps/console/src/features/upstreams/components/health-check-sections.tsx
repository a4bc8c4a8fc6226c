import { CheckboxField, SelectField, TextField } from '../../../components/field';
import { ToggleSection } from '../../../components/toggle-section';
import type { FieldErrors } from '../../../lib/form-errors';
import { errorAt } from '../../../lib/form-values';
import type { ActiveValues, BreakerValues, PassiveValues } from './upstream-form-values';

interface SectionProps<V> {
  value: V;
  /** Changes some fields; the form clears the errors at the paths it names. */
  onChange: (patch: Partial<V>) => void;
  errors: FieldErrors;
}

const ACTIVE = 'healthChecks.active';
const PASSIVE = 'healthChecks.passive';

/** A number input whose name is its API path, so a server detail at that path lands on it. */
function NumberInput({ path, label, value, placeholder, errors, onValueChange }: { path: string; label: string; value: string; placeholder: string; errors: FieldErrors; onValueChange: (v: string) => void }) {
  return <TextField label={label} name={path} inputMode="numeric" value={value} placeholder={placeholder} error={errorAt(errors, path)} onValueChange={onValueChange} />;
}

export function ActiveHealthCheckSection({ value: a, onChange, errors }: SectionProps<ActiveValues>) {
  const num = (key: keyof ActiveValues, label: string, placeholder: string) => (
    <NumberInput path={`${ACTIVE}.${key}`} label={label} value={String(a[key])} placeholder={placeholder} errors={errors} onValueChange={(v) => onChange({ [key]: v })} />
  );
  return (
    <ToggleSection
      title="Active health checks"
      description="The gateway probes every target off the request path and stops sending traffic to the ones that fail."
      enabled={a.enabled}
      onEnabledChange={(enabled) => onChange({ enabled })}
      testId="section-active-health"
    >
      <div className="form-row">
        <SelectField
          label="Probe type"
          name={`${ACTIVE}.type`}
          value={a.type}
          onValueChange={(v) => onChange({ type: v === 'tcp' || v === 'https' ? v : 'http' })}
          options={[
            { value: 'http', label: 'HTTP request' },
            { value: 'https', label: 'HTTPS request' },
            { value: 'tcp', label: 'TCP connect' },
          ]}
          error={errorAt(errors, `${ACTIVE}.type`)}
        />
        {a.type !== 'tcp' ? (
          <SelectField
            label="Probe method"
            name={`${ACTIVE}.method`}
            value={a.method}
            onValueChange={(v) => onChange({ method: v === 'HEAD' ? 'HEAD' : 'GET' })}
            options={[
              { value: 'GET', label: 'GET' },
              { value: 'HEAD', label: 'HEAD' },
            ]}
            error={errorAt(errors, `${ACTIVE}.method`)}
          />
        ) : null}
      </div>
      {a.type === 'https' ? (
        <div className="form-row">
          <CheckboxField
            label="Verify the target's certificate"
            name={`${ACTIVE}.tlsVerify`}
            checked={a.tlsVerify}
            hint="Against the system CAs; turn off for self-signed targets"
            onCheckedChange={(tlsVerify) => onChange({ tlsVerify })}
            error={errorAt(errors, `${ACTIVE}.tlsVerify`)}
          />
          <TextField
            label="TLS server name"
            name={`${ACTIVE}.tlsServerName`}
            value={a.tlsServerName}
            placeholder="the target's host"
            spellCheck={false}
            onValueChange={(tlsServerName) => onChange({ tlsServerName })}
            error={errorAt(errors, `${ACTIVE}.tlsServerName`)}
          />
        </div>
      ) : null}
      {a.type !== 'tcp' ? (
        <>
          <TextField label="Probe path" name={`${ACTIVE}.path`} value={a.path} placeholder="/" spellCheck={false} onValueChange={(path) => onChange({ path })} error={errorAt(errors, `${ACTIVE}.path`)} />
          <div className="form-row">
            <TextField
              label="Expected statuses"
              name={`${ACTIVE}.expectedStatuses`}
              value={a.expectedStatuses}
              placeholder="any 2xx or 3xx"
              hint="Comma-separated, e.g. 200, 204"
              onValueChange={(expectedStatuses) => onChange({ expectedStatuses })}
              error={errorAt(errors, `${ACTIVE}.expectedStatuses`)}
            />
            <TextField
              label="Body must match (regex)"
              name={`${ACTIVE}.bodyRegex`}
              value={a.bodyRegex}
              placeholder='"status":\s*"up"'
              spellCheck={false}
              onValueChange={(bodyRegex) => onChange({ bodyRegex })}
              error={errorAt(errors, `${ACTIVE}.bodyRegex`)}
            />
          </div>
        </>
      ) : null}
      <div className="form-row">
        {num('intervalMs', 'Interval (ms)', '5000')}
        {num('timeoutMs', 'Probe timeout (ms)', '2000')}
        {num('healthyThreshold', 'Healthy after', '2')}
        {num('unhealthyThreshold', 'Unhealthy after', '2')}
      </div>
    </ToggleSection>
  );
}

export function PassiveHealthCheckSection({ value: p, onChange, errors }: SectionProps<PassiveValues>) {
  return (
    <ToggleSection
      title="Passive health checks"
      description="Real requests that fail (connect errors, timeouts, listed statuses) take a target out for a cool-down."
      enabled={p.enabled}
      onEnabledChange={(enabled) => onChange({ enabled })}
      testId="section-passive-health"
    >
      <div className="form-row">
        <NumberInput path={`${PASSIVE}.unhealthyThreshold`} label="Failures before skipping" value={p.unhealthyThreshold} placeholder="5" errors={errors} onValueChange={(v) => onChange({ unhealthyThreshold: v })} />
        <NumberInput path={`${PASSIVE}.cooldownMs`} label="Cool-down (ms)" value={p.cooldownMs} placeholder="30000" errors={errors} onValueChange={(v) => onChange({ cooldownMs: v })} />
      </div>
      <TextField
        label="Failing statuses"
        name={`${PASSIVE}.unhealthyStatuses`}
        value={p.unhealthyStatuses}
        placeholder="500, 502, 503, 504"
        hint="Comma-separated"
        onValueChange={(v) => onChange({ unhealthyStatuses: v })}
        error={errorAt(errors, `${PASSIVE}.unhealthyStatuses`)}
      />
    </ToggleSection>
  );
}

export function CircuitBreakerSection({ value: b, onChange, errors }: SectionProps<BreakerValues>) {
  const path = (k: string) => `circuitBreaker.${k}`;
  return (
    <ToggleSection
      title="Circuit breaker"
      description="After consecutive failures a target's breaker opens; after the open time a few probe requests decide whether it closes."
      enabled={b.enabled}
      onEnabledChange={(enabled) => onChange({ enabled })}
      testId="section-circuit-breaker"
    >
      <div className="form-row">
        <NumberInput path={path('failureThreshold')} label="Failure threshold" value={b.failureThreshold} placeholder="5" errors={errors} onValueChange={(v) => onChange({ failureThreshold: v })} />
        <NumberInput path={path('openMs')} label="Open for (ms)" value={b.openMs} placeholder="30000" errors={errors} onValueChange={(v) => onChange({ openMs: v })} />
        <NumberInput path={path('halfOpenProbes')} label="Half-open probes" value={b.halfOpenProbes} placeholder="1" errors={errors} onValueChange={(v) => onChange({ halfOpenProbes: v })} />
      </div>
    </ToggleSection>
  );
}
