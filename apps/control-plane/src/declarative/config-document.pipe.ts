import { declarativeConfigSchema, type DeclarativeConfig } from '@aya/config-schema';
import { parse, YAMLError } from 'yaml';
import { ValidationError } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import { assertApplySize } from './apply-limits';
import { documentDetails } from './document-path';

/**
 * The apply body: a JSON object, or YAML text (`Content-Type: application/yaml`, parsed here so a syntax error names
 * its line). Validated with the contract's document schema; details name document paths (`routes[12].paths[0]`).
 * A ZodPipe, so the OpenAPI document states the schema.
 */
export class ConfigDocumentPipe extends ZodPipe<typeof declarativeConfigSchema> {
  constructor() {
    super(declarativeConfigSchema);
  }

  override transform(value: unknown): DeclarativeConfig {
    const body = typeof value === 'string' ? parseYaml(value) : value;
    if (body === undefined || body === null || body === '') throw new ValidationError('a config document is required', [{ path: '', message: 'required' }]);
    // counted before the schema walks every object: an oversized document is refused at once (413)
    assertApplySize(body);
    const parsed = this.schema.safeParse(body);
    if (!parsed.success) throw new ValidationError('invalid config document', documentDetails(parsed.error));
    return parsed.data;
  }
}

function parseYaml(text: string): unknown {
  try {
    // YAML 1.2 core schema: `no` stays a string; aliases are capped by the library (no billion laughs)
    return parse(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLError) throw new ValidationError('invalid YAML', [{ path: '', message: err.message.split('\n')[0] ?? 'invalid YAML' }]);
    throw err;
  }
}
