import { CACHE_METHODS, COMPRESSION_ALGORITHMS } from '@aya/config-schema';
import { CheckboxGroup } from '../../../components/checkbox-group';
import { Disclosure } from '../../../components/disclosure';
import { CheckboxField, TextField } from '../../../components/field';
import { ToggleSection } from '../../../components/toggle-section';
import type { FieldErrors } from '../../../lib/form-errors';
import { errorAt } from '../../../lib/form-values';
import { TrafficRules } from './traffic-rules';
import { ROUTE_ADVANCED_FIELDS, type CacheValues, type CompressionValues, type JsonFieldName, type RouteFormValues } from './route-form-values';

export interface RouteAdvancedSectionProps {
  values: RouteFormValues;
  errors: FieldErrors;
  setPriority: (v: string) => void;
  setCache: (patch: Partial<CacheValues>) => void;
  setCompression: (patch: Partial<CompressionValues>) => void;
  setJson: (name: JsonFieldName, text: string) => void;
}

export function RouteAdvancedSection({ values, errors: f, setPriority, setCache, setCompression, setJson }: RouteAdvancedSectionProps) {
  const { cache, compression } = values;
  const hasError = ROUTE_ADVANCED_FIELDS.some((k) => errorAt(f, k));
  const inUse = ROUTE_ADVANCED_FIELDS.filter((k) => (k === 'cache' ? cache.enabled : k === 'compression' ? compression.enabled : k === 'priority' ? values.priority !== '' : values.json[k as JsonFieldName]?.trim())).length;
  return (
    <Disclosure title="Advanced" summary={inUse ? `${inUse} set` : 'priority, caching, compression, traffic rules'} forceOpen={hasError}>
      <TextField
        label="Priority"
        name="priority"
        inputMode="numeric"
        value={values.priority}
        onValueChange={setPriority}
        error={f.priority}
        placeholder="0"
        hint="Higher wins when several routes match the same request."
      />
      <ToggleSection title="Response cache" description="Store GET/HEAD responses at the gateway; an upstream max-age can only shorten the TTL." enabled={cache.enabled} onEnabledChange={(enabled) => setCache({ enabled })} testId="section-cache">
        <div className="form-row">
          <TextField label="TTL (seconds)" name="cache.ttlSeconds" inputMode="numeric" value={cache.ttlSeconds} onValueChange={(ttlSeconds) => setCache({ ttlSeconds })} error={errorAt(f, 'cache.ttlSeconds')} placeholder="60" required />
          <TextField label="Max entry (bytes)" name="cache.maxEntryBytes" inputMode="numeric" value={cache.maxEntryBytes} onValueChange={(maxEntryBytes) => setCache({ maxEntryBytes })} error={errorAt(f, 'cache.maxEntryBytes')} placeholder="1048576" />
        </div>
        <CheckboxGroup name="cache.methods" label="Cached methods" options={CACHE_METHODS} values={cache.methods} onChange={(methods) => setCache({ methods })} errors={f} />
        <TextField label="Vary on request headers" name="cache.varyHeaders" value={cache.varyHeaders} onValueChange={(varyHeaders) => setCache({ varyHeaders })} error={errorAt(f, 'cache.varyHeaders')} placeholder="accept-language, x-tenant" hint="Comma-separated, on top of the upstream's Vary." />
        <div className="form-row">
          <CheckboxField label="Query string in the key" name="cache.cacheKey.query" checked={cache.keyQuery} onCheckedChange={(keyQuery) => setCache({ keyQuery })} />
          <CheckboxField label="Host in the key" name="cache.cacheKey.host" checked={cache.keyHost} onCheckedChange={(keyHost) => setCache({ keyHost })} />
        </div>
      </ToggleSection>
      <ToggleSection title="Compression" description="Compress responses the client accepts (br, gzip)." enabled={compression.enabled} onEnabledChange={(enabled) => setCompression({ enabled })} testId="section-compression">
        <CheckboxGroup name="compression.algorithms" label="Algorithms" options={COMPRESSION_ALGORITHMS} values={compression.algorithms} onChange={(algorithms) => setCompression({ algorithms })} errors={f} hint="In order of preference." />
        <div className="form-row">
          <TextField label="Minimum size (bytes)" name="compression.minBytes" inputMode="numeric" value={compression.minBytes} onValueChange={(minBytes) => setCompression({ minBytes })} error={errorAt(f, 'compression.minBytes')} placeholder="1024" />
          <TextField label="Content types" name="compression.contentTypes" value={compression.contentTypes} onValueChange={(contentTypes) => setCompression({ contentTypes })} error={errorAt(f, 'compression.contentTypes')} placeholder="text/*, application/json, …" />
        </div>
      </ToggleSection>
      <TrafficRules json={values.json} errors={f} setJson={setJson} />
    </Disclosure>
  );
}
