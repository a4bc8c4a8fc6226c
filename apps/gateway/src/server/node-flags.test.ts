import { describe, expect, it } from 'vitest';
import { withGatewayFlags } from './node-flags';

describe('withGatewayFlags', () => {
  it('adds the gateway flags unless the operator set them', () => {
    expect(withGatewayFlags([])).toEqual(['--max-semi-space-size=4']);
    expect(withGatewayFlags(['--inspect'])).toEqual(['--inspect', '--max-semi-space-size=4']);
    expect(withGatewayFlags(['--max-semi-space-size=16'])).toEqual(['--max-semi-space-size=16']);
    expect(withGatewayFlags(['--max_semi_space_size=8'])).toEqual(['--max_semi_space_size=8']);
  });
});
