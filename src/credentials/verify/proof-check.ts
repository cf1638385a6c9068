import type { DocumentLoader } from 'jsonld';
import type { KeyResolver } from '../dids/key-resolver.js';
import { verifyDataIntegrity } from '../proofs/data-integrity.js';
import { verifyVcJwt } from '../proofs/vc-jwt.js';
import { asList } from './credential-kind.js';
import { checkEmbeddedKeyIsIssuers, checkKeyBelongsToIssuer, issuerIdOf } from './issuer-binding.js';
import { jsonPath } from './json-path.js';
import { failed, passed, skipped, type CheckResult } from './report.js';
import { messageOf, type VerifyProofs } from './sources.js';

/**
 * The proof check (the signature holds for the key its verification method
 * resolves to) and the issuer check (that key is the issuer's), for an
 * embedded Data Integrity proof set or a VC-JWT. The proofs module verifies
 * without binding the key to the issuer, so that a wrong key and a broken
 * signature are told apart.
 */

export interface ProofSources {
  resolveKey: KeyResolver;
  documentLoader: DocumentLoader;
  now: Date;
  /** verifyDataIntegrity unless the caller brought a verifier that answers the same. */
  verifyProofs?: VerifyProofs;
}

export interface ProofOutcome {
  proof: CheckResult;
  issuer: CheckResult;
}

/** A credential that came as a JWT is secured by it; otherwise by its embedded proofs. */
export async function checkProof(credential: Record<string, unknown>, jwtToken: string | undefined, sources: ProofSources, base = '$'): Promise<ProofOutcome> {
  try {
    return jwtToken === undefined ? await checkDataIntegrity(credential, sources, base) : await checkJwt(jwtToken, credential, sources, base);
  } catch (error) {
    // Never let a library's surprise end the verification: it is this check's failure.
    const reason = `the proof could not be checked: ${messageOf(error)}`;
    return { proof: failed('proof', reason, base), issuer: skipped('issuer', 'no key was established, as the proof could not be checked', base) };
  }
}

async function checkDataIntegrity(credential: Record<string, unknown>, sources: ProofSources, base: string): Promise<ProofOutcome> {
  const proofSet = asList(credential.proof);
  const proofPath = jsonPath(['proof'], base);
  if (proofSet.length === 0) {
    return {
      proof: failed('proof', 'the credential has no proof: neither an embedded proof nor a JWT secures it', proofPath),
      issuer: skipped('issuer', 'no proof, so no key to match to the issuer', proofPath),
    };
  }
  const result = await (sources.verifyProofs ?? verifyDataIntegrity)(credential, {
    documentLoader: sources.documentLoader,
    resolveKey: sources.resolveKey,
    requireIssuerBinding: false,
    now: sources.now,
  });
  const pathOf = (index: number): string => (Array.isArray(credential.proof) ? jsonPath(['proof', index], base) : proofPath);
  const unchecked = result.proofs.filter((proof) => proof.skipped === true).map((proof) => proof.type ?? 'untyped');
  const uncheckedNote = unchecked.length === 0 ? '' : `; not checked: ${unchecked.join(', ')} (a proof type openler does not verify)`;

  let proof: CheckResult;
  if (result.verified) {
    const described = result.proofs.filter((entry) => entry.verified)
      .map((entry) => `${entry.type === 'DataIntegrityProof' ? 'DataIntegrityProof (eddsa-rdfc-2022)' : entry.type ?? 'proof'} by ${entry.verificationMethod ?? 'an unnamed key'}`);
    proof = passed('proof', `${described.join('; ')}${uncheckedNote}`, proofPath);
  } else {
    const failing = result.proofs.findIndex((entry) => !entry.verified && entry.skipped !== true);
    proof = failed('proof', result.reason ?? 'the proof does not verify', failing >= 0 ? pathOf(failing) : proofPath);
  }

  const issuerId = issuerIdOf(credential);
  const checked = result.proofs
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.skipped !== true && typeof entry.verificationMethod === 'string');
  if (checked.length === 0) return { proof, issuer: skipped('issuer', 'no proof openler checks names a key to match to the issuer', proofPath) };
  const bindings = await Promise.all(
    checked.map(({ entry, index }) => checkKeyBelongsToIssuer(entry.verificationMethod as string, issuerId, sources.resolveKey, jsonPath(['verificationMethod'], pathOf(index)))),
  );
  const issuer = bindings.find((binding) => binding.status === 'failed') ?? bindings.find((binding) => binding.status === 'skipped') ?? bindings[0];
  return { proof, issuer: issuer ?? skipped('issuer', 'no key to match to the issuer', proofPath) };
}

async function checkJwt(token: string, credential: Record<string, unknown>, sources: ProofSources, base: string): Promise<ProofOutcome> {
  const result = await verifyVcJwt(token, { resolveKey: sources.resolveKey, requireIssuerBinding: false });
  const algorithm = typeof result.header?.alg === 'string' ? result.header.alg : 'unknown algorithm';
  const signer = result.verificationMethod ?? (result.keySource === 'jwk' ? 'the key in its header' : 'an unnamed key');
  const proof = result.verified
    ? passed('proof', `VC-JWT (${algorithm}) signed by ${signer}`, base)
    : failed('proof', result.reason ?? 'the JWT does not verify', base);
  const issuerId = issuerIdOf(credential);
  let issuer: CheckResult;
  if (result.keySource === 'kid' && result.verificationMethod !== undefined) {
    issuer = await checkKeyBelongsToIssuer(result.verificationMethod, issuerId, sources.resolveKey, base);
  } else if (result.keySource === 'jwk' && result.header !== undefined && typeof result.header.jwk === 'object' && result.header.jwk !== null) {
    issuer = await checkEmbeddedKeyIsIssuers(result.header.jwk as Record<string, unknown>, issuerId, sources.resolveKey);
  } else if (result.keySource === 'issuer' && result.verified) {
    issuer = passed('issuer', `signed by ${signer}, one of the keys the issuer ${issuerId ?? ''} lists`.trim(), base);
  } else if (result.keySource === 'issuer') {
    issuer = failed('issuer', result.reason ?? `no key of the issuer ${issuerId ?? ''} verifies the JWT`, base);
  } else {
    issuer = skipped('issuer', 'the JWT could not be read far enough to find its key', base);
  }
  return { proof, issuer };
}
