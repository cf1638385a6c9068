import { createDocumentLoader, type DocumentLoader } from './jsonld/document-loader.js';
import { readTrustStore, VerificationService, type LocalCredentialSources } from './verification.js';

/** What verifies credentials: the deployment's verifier, and one widened by the caller's own choices. */
export interface Verifiers {
  verification: VerificationService;
  /** A verifier that also trusts these documents and may fetch remote ones when allowed (the command line's choice). */
  verificationWith(extra: { trustStore?: ReadonlyMap<string, object>; allowRemote?: boolean }): VerificationService;
}

export interface VerifierSettings {
  /** Issuer documents and status lists trusted locally (default: OPENLER_TRUST_STORE, a directory of JSON documents). */
  trustStore?: ReadonlyMap<string, object> | undefined;
  /** Whether verification may fetch remote issuer documents and status lists (default: OPENLER_VERIFY_REMOTE=1). */
  allowRemote?: boolean | undefined;
}

/**
 * The verifiers, set up by the settings given or else by the environment.
 * With local sources, openler's own issuers and status lists answer from its
 * database; without, every issuer is another's.
 */
export function createVerifiers(local: LocalCredentialSources | undefined, documentLoader: DocumentLoader, settings: VerifierSettings = {}): Verifiers {
  const trustStore = settings.trustStore ?? (process.env.OPENLER_TRUST_STORE ? readTrustStore(process.env.OPENLER_TRUST_STORE) : undefined);
  const allowRemote = settings.allowRemote ?? process.env.OPENLER_VERIFY_REMOTE === '1';
  return {
    verification: new VerificationService(local, documentLoader, { trustStore, allowRemote }),
    verificationWith: (extra) => new VerificationService(local, documentLoader, {
      trustStore: new Map([...(trustStore ?? []), ...(extra.trustStore ?? [])]),
      allowRemote: extra.allowRemote ?? allowRemote,
    }),
  };
}

/**
 * Verifiers that need no database, for where there is none yet: a database
 * openler has not made holds no issuer of its own, so nothing is lost, and
 * opening one (creating it, loading the default library) is not paid for a
 * credential from elsewhere.
 */
export function verifiersWithoutDatabase(settings: VerifierSettings = {}): Verifiers {
  return createVerifiers(undefined, createDocumentLoader(), settings);
}
