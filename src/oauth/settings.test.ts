import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../common/testing.js';
import { readObApiSettings } from './settings.js';

describe('Open Badges API settings', () => {
  it("defaults to openler's own /terms and /privacy pages under the public URL", () => {
    const settings = readObApiSettings('https://badges.example.org/', {}, {});
    assert.equal(settings.termsUrl, 'https://badges.example.org/terms');
    assert.equal(settings.privacyUrl, 'https://badges.example.org/privacy');
    assert.equal(settings.termsConfigured, false);
    assert.equal(settings.privacyConfigured, false);
    assert.equal(settings.registration, 'open');
  });

  it('reads the registration policy from OPENLER_OAUTH_REGISTRATION, refusing anything but open or token', () => {
    assert.equal(readObApiSettings('https://x.example', {}, { OPENLER_OAUTH_REGISTRATION: 'token' }).registration, 'token');
    assert.equal(readObApiSettings('https://x.example', { registration: 'open' }, { OPENLER_OAUTH_REGISTRATION: 'token' }).registration, 'open');
    assert.throws(() => readObApiSettings('https://x.example', {}, { OPENLER_OAUTH_REGISTRATION: 'closed' }), rejectsWith('validation_failed', /OPENLER_OAUTH_REGISTRATION must be open or token, not "closed"/, { field: 'OPENLER_OAUTH_REGISTRATION' }));
  });

  it('reads OPENLER_TERMS_URL and OPENLER_PRIVACY_URL, and what is given directly comes first', () => {
    const env = { OPENLER_TERMS_URL: ' https://college.example/tos ', OPENLER_PRIVACY_URL: 'https://college.example/privacy' };
    const fromEnv = readObApiSettings('https://badges.example.org', {}, env);
    assert.equal(fromEnv.termsUrl, 'https://college.example/tos');
    assert.equal(fromEnv.privacyUrl, 'https://college.example/privacy');
    assert.equal(fromEnv.termsConfigured, true);
    const given = readObApiSettings('https://badges.example.org', { termsUrl: 'https://other.example/terms' }, env);
    assert.equal(given.termsUrl, 'https://other.example/terms');
    assert.equal(given.privacyUrl, 'https://college.example/privacy');
    assert.equal(readObApiSettings('https://badges.example.org', {}, { OPENLER_TERMS_URL: '' }).termsConfigured, false, 'an empty setting is no setting');
  });

  it('refuses a policy URL that is not fully qualified, naming the setting', () => {
    assert.throws(() => readObApiSettings('https://x.example', {}, { OPENLER_TERMS_URL: '/terms' }), rejectsWith('validation_failed', /OPENLER_TERMS_URL must be a fully qualified URL/, { field: 'OPENLER_TERMS_URL' }));
    assert.throws(() => readObApiSettings('https://x.example', {}, { OPENLER_PRIVACY_URL: 'ftp://x.example/p' }), rejectsWith('validation_failed', /OPENLER_PRIVACY_URL must be an http\(s\) URL/));
  });
});
