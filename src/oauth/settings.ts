import { OpenlerError } from '../common/errors.js';

/**
 * Who may register an OAuth client: anyone (`open`, the default: the Open
 * Badges API has clients register themselves with RFC 7591, and open
 * registration is what lets any wallet connect), or only a caller presenting
 * an initial access token (`token`, RFC 7591 section 3): an openler API key
 * with the credentials:issue scope, the scope that approves clients too.
 */
export type RegistrationPolicy = 'open' | 'token';

/** How this deployment runs the Open Badges API: who may register clients, and the policies its discovery document names. */
export interface ObApiSettings {
  registration: RegistrationPolicy;
  /** The deployment's terms of service (info.termsOfService of the discovery document): a fully qualified URL. */
  termsUrl: string;
  /** Its privacy policy (info.x-imssf-privacyPolicyUrl): a fully qualified URL. */
  privacyUrl: string;
  /** Whether termsUrl / privacyUrl were set by the operator, rather than openler's own /terms and /privacy pages. */
  termsConfigured: boolean;
  privacyConfigured: boolean;
}

/** Settings given directly (tests, embedding); each falls back to its environment variable. */
export interface ObApiSettingsInput {
  registration?: string | undefined;
  termsUrl?: string | undefined;
  privacyUrl?: string | undefined;
}

export const REGISTRATION_ENV = 'OPENLER_OAUTH_REGISTRATION';
export const TERMS_URL_ENV = 'OPENLER_TERMS_URL';
export const PRIVACY_URL_ENV = 'OPENLER_PRIVACY_URL';

/** The paths of the plain pages openler serves when the operator names no terms or privacy policy of its own. */
export const TERMS_PATH = '/terms';
export const PRIVACY_PATH = '/privacy';

/**
 * The settings from what was given, else OPENLER_OAUTH_REGISTRATION,
 * OPENLER_TERMS_URL and OPENLER_PRIVACY_URL, else the defaults: open
 * registration, and openler's own pages under the public URL. A bad value is
 * refused at start-up, naming the setting.
 */
export function readObApiSettings(publicUrl: string, given: ObApiSettingsInput = {}, env: NodeJS.ProcessEnv = process.env): ObApiSettings {
  const base = publicUrl.replace(/\/+$/, '');
  const registration = nonEmpty(given.registration) ?? nonEmpty(env[REGISTRATION_ENV]) ?? 'open';
  if (registration !== 'open' && registration !== 'token') {
    throw new OpenlerError('validation_failed', `${REGISTRATION_ENV} must be open or token, not ${JSON.stringify(registration)}`, { field: REGISTRATION_ENV });
  }
  const terms = nonEmpty(given.termsUrl) ?? nonEmpty(env[TERMS_URL_ENV]);
  const privacy = nonEmpty(given.privacyUrl) ?? nonEmpty(env[PRIVACY_URL_ENV]);
  return {
    registration,
    termsUrl: terms === undefined ? `${base}${TERMS_PATH}` : fullyQualified(terms, TERMS_URL_ENV),
    privacyUrl: privacy === undefined ? `${base}${PRIVACY_PATH}` : fullyQualified(privacy, PRIVACY_URL_ENV),
    termsConfigured: terms !== undefined,
    privacyConfigured: privacy !== undefined,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The Open Badges discovery document requires fully qualified URLs for both policies. */
function fullyQualified(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OpenlerError('validation_failed', `${setting} must be a fully qualified URL (https://...), not ${JSON.stringify(value)}`, { field: setting });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OpenlerError('validation_failed', `${setting} must be an http(s) URL, not ${JSON.stringify(value)}`, { field: setting });
  }
  return value;
}
