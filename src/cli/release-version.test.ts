import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchReleaseVersion } from './release-version.js';

describe('matchReleaseVersion', () => {
  it('reads a release with or without its leading v', () => {
    assert.equal(matchReleaseVersion('1.1.1', ['v1.1.0', 'v1.1.1']), 'v1.1.1');
    assert.equal(matchReleaseVersion('v2026.1', ['2026.1']), '2026.1');
    assert.equal(matchReleaseVersion('V1.1.1', ['v1.1.1']), 'v1.1.1');
  });

  it('prefers the exact name, and leaves an ambiguous or unknown one to the catalog', () => {
    assert.equal(matchReleaseVersion('1.1.1', ['1.1.1', 'v1.1.1']), '1.1.1');
    assert.equal(matchReleaseVersion('V1.1.1', ['1.1.1', 'v1.1.1']), 'V1.1.1');
    assert.equal(matchReleaseVersion('1.2', ['v1.1.1']), '1.2');
    assert.equal(matchReleaseVersion('latest', ['v1.1.1']), 'latest');
    assert.equal(matchReleaseVersion(undefined, ['v1.1.1']), undefined);
  });
});
